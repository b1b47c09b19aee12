export type RotatePeriod = 'minute' | 'hour' | 'day';

const PERIOD_MS: Record<RotatePeriod, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Start (epoch ms, UTC) of the rotation period holding `epochMs`. */
export function periodStartMs(epochMs: number, rotate: RotatePeriod): number {
  return Math.floor(epochMs / PERIOD_MS[rotate]) * PERIOD_MS[rotate];
}

/**
 * File name of a period: `<coins>_<UTC stamp>.gz`, e.g. `btc_20250126T1400.gz`; names sort in time
 * order, so the newest file is the last name.
 */
export function captureFileName(coins: readonly string[], startMs: number, rotate: RotatePeriod): string {
  const iso = new Date(startMs).toISOString();
  const day = iso.slice(0, 10).replaceAll('-', '');
  const stamp = rotate === 'day' ? day : `${day}T${iso.slice(11, 13)}${iso.slice(14, 16)}`;
  return `${coins.map((coin) => coin.toLowerCase()).join('-')}_${stamp}.gz`;
}
