import { MICROS_PER_MINUTE, MICROS_PER_SECOND, type Micros } from '@mm/core';

/**
 * Numbers for reason texts: at most `maxDecimals` decimals, trailing zeros dropped ("1.4", "3").
 * Locale-free on purpose: the same decision must print the same text everywhere.
 */
export function formatNumber(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = value.toFixed(maxDecimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** "$1,234.5" / "-$52.3": grouped thousands, at most two decimals. */
export function formatUsd(value: number): string {
  const text = formatNumber(Math.abs(value), 2);
  const [whole = '0', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && text !== '0' ? '-' : '';
  return `${sign}$${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A duration for people: "5min", "90s", "0.25s". */
export function formatDuration(durationUs: Micros): string {
  if (durationUs > 0 && durationUs % MICROS_PER_MINUTE === 0) return `${durationUs / MICROS_PER_MINUTE}min`;
  return `${formatNumber(durationUs / MICROS_PER_SECOND, 3)}s`;
}
