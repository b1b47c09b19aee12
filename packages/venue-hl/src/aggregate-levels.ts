import type { CapturedLevel } from './market-capture.js';

/**
 * The venue's `l2Book` aggregation: `nSigFigs` significant figures (and with 5, an optional
 * `mantissa` of 2 or 5 multiplying the step), bids rounded down and asks up into buckets, sizes and
 * order counts summed. `tickSize` is the instrument's; buckets never go below one tick.
 */
export function aggregateLevels(
  levels: readonly CapturedLevel[],
  isBid: boolean,
  tickSize: number,
  nSigFigs: number,
  mantissa: number | undefined,
): CapturedLevel[] {
  const out: CapturedLevel[] = [];
  for (const level of levels) {
    const price = level.priceTicks * tickSize;
    const magnitude = Math.floor(Math.log10(price));
    const stepPrice = 10 ** (magnitude - nSigFigs + 1) * (nSigFigs === 5 && mantissa !== undefined ? mantissa : 1);
    const stepTicks = Math.max(1, Math.round(stepPrice / tickSize));
    const bucket = (isBid ? Math.floor(level.priceTicks / stepTicks) : Math.ceil(level.priceTicks / stepTicks)) * stepTicks;
    const last = out[out.length - 1];
    if (last !== undefined && last.priceTicks === bucket) {
      last.sizeLots += level.sizeLots;
      last.orders += level.orders;
    } else {
      out.push({ priceTicks: bucket, sizeLots: level.sizeLots, orders: level.orders });
    }
  }
  return out;
}
