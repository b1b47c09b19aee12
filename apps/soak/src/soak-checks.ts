/**
 * The soak's invariants, as pure functions of what the venue and the journal say: the soak reads
 * both from outside the bot (the venue's own ledgers, the journal's SQLite file) and never asks the
 * bot what it thinks of itself.
 */

/** One fill, in plain numbers: price in quote per base unit, size in base units, fee in quote. */
export interface PlainFill {
  side: 'buy' | 'sell';
  price: number;
  size: number;
  feeQuote: number;
}

/** Orders resting on the venue that the bot does not hold as open (its orphans). */
export function orphanOrders(venueOpenCloids: readonly (string | undefined)[], botOpenCloids: ReadonlySet<string>): string[] {
  return venueOpenCloids
    .filter((cloid) => cloid === undefined || !botOpenCloids.has(cloid.toLowerCase()))
    .map((cloid) => cloid ?? '(none)');
}

export interface FillComparison {
  /** On the venue, not in the journal (lost). */
  missing: string[];
  /** In the journal, not on the venue (invented). */
  extra: string[];
  /** In the journal more than once. */
  duplicated: string[];
}

export function compareFills(journalFillIds: readonly string[], venueFillIds: readonly string[]): FillComparison {
  const counts = new Map<string, number>();
  for (const id of journalFillIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const venue = new Set(venueFillIds);
  return {
    missing: [...venue].filter((id) => !counts.has(id)),
    extra: [...counts.keys()].filter((id) => !venue.has(id)),
    duplicated: [...counts].filter(([, count]) => count > 1).map(([id]) => id),
  };
}

/** Signed position (base units) after the fills. */
export function positionOf(fills: readonly PlainFill[]): number {
  return fills.reduce((sum, fill) => sum + (fill.side === 'buy' ? fill.size : -fill.size), 0);
}

/**
 * Total PnL of the fills marked at `mark`: cash paid and received, fees, and the open position at
 * the mark. Independent of the order of the fills and of any cost-basis convention.
 */
export function pnlOf(fills: readonly PlainFill[], mark: number): number {
  let cash = 0;
  for (const fill of fills) cash += (fill.side === 'buy' ? -1 : 1) * fill.price * fill.size - fill.feeQuote;
  return cash + positionOf(fills) * mark;
}

/** The most events inside any window of `windowUs` (inclusive start, exclusive end). */
export function maxInWindow(timesUs: readonly number[], windowUs: number): number {
  const sorted = [...timesUs].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowUs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** A median of a few numbers (the RSS checks compare medians, not single samples). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
