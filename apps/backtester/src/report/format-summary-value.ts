const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const SIGNIFICANT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 8 });

/**
 * Formats one summary value for the table. Strings are shown as given (the caller already chose units,
 * e.g. "12.3 bps"); integers keep every digit with thousands separators; fractions keep 8 significant
 * digits, enough for a PnL in quote currency without float noise such as 0.30000000000000004.
 * NaN (a Sharpe ratio without trades) reads "n/a". The exact value stays in the cell's `title`.
 */
export function formatSummaryValue(value: number | string): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value)) return GROUPED.format(value);
  return SIGNIFICANT.format(value);
}
