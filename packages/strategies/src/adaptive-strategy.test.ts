import { describe, expect, it } from 'vitest';
import { ManualClock, type OrderFilledEvent } from '@mm/core';
import type { EngineContext } from '@mm/engine';
import { AdaptiveStrategy } from './adaptive-strategy.js';

/** Just enough of a context: a clock and a book with a mid (no best prices, so no requote runs). */
function context(clock: ManualClock, mid: { ticks: number }): EngineContext {
  const book = { midTicks: () => mid.ticks, bestBidTicks: () => undefined, bestAskTicks: () => undefined };
  return { clock, book: () => book } as unknown as EngineContext;
}

const fill = (timeUs: number, side: 'buy' | 'sell', priceTicks: number): OrderFilledEvent => ({
  type: 'order-filled',
  symbol: 'BTC',
  clientOrderId: 'x',
  fillId: `f${timeUs}`,
  side,
  priceTicks,
  sizeLots: 1,
  remainingLots: 0,
  liquidity: 'maker',
  feeQuote: 0,
  venueTimeUs: timeUs,
  localTimeUs: timeUs,
});

describe('AdaptiveStrategy', () => {
  it('widens after adverse markouts and relaxes when they recover', () => {
    const clock = new ManualClock(0);
    const mid = { ticks: 1_000_000 };
    const strategy = new AdaptiveStrategy({
      symbol: 'BTC',
      adaptive: { markoutHorizonSeconds: 5, markoutHalfLifeFills: 1, wideningPerAdverseBps: 0.5 },
    });
    const adaptation = () => (strategy as unknown as { spreadAdaptation(now: number): number }).spreadAdaptation(clock.now());
    expect(adaptation()).toBe(1);
    strategy.onOrderEvent(fill(0, 'buy', 1_000_000));
    clock.set(5_000_000);
    mid.ticks = 999_800; // 2 bps against our buy
    strategy.onBook('BTC', context(clock, mid));
    expect(strategy.averageMarkoutBps).toBeCloseTo(-2, 9);
    expect(adaptation()).toBeCloseTo(2, 9); // 1 + 2 bps x 0.5
    strategy.onOrderEvent(fill(5_000_000, 'sell', 999_800));
    clock.set(10_000_000);
    mid.ticks = 999_400; // the next fill was a good one: +4 bps, the average is back above 0
    strategy.onBook('BTC', context(clock, mid));
    expect(strategy.averageMarkoutBps).toBeGreaterThan(0);
    expect(adaptation()).toBe(1);
  });

  it('widens when fills come faster than the target rate, capped', () => {
    const clock = new ManualClock(0);
    const strategy = new AdaptiveStrategy({
      symbol: 'BTC',
      adaptive: { targetFillsPerMinute: 6, wideningPerFillRateDoubling: 0.5, maxSpreadMultiplier: 3 },
    });
    const adaptation = () => (strategy as unknown as { spreadAdaptation(now: number): number }).spreadAdaptation(clock.now());
    for (let index = 0; index < 24; index += 1) strategy.onOrderEvent(fill(index * 1_000_000, 'buy', 1_000_000));
    clock.set(30_000_000);
    expect(adaptation()).toBeCloseTo(2, 9); // 24 a minute = 4x the target: two doublings x 0.5
    for (let index = 0; index < 1_000; index += 1) strategy.onOrderEvent(fill(30_000_000, 'sell', 1_000_000));
    expect(adaptation()).toBe(3);
    clock.set(200_000_000); // a quiet minute later
    expect(adaptation()).toBe(1);
  });

  it('names bad settings', () => {
    expect(() => new AdaptiveStrategy({ symbol: 'BTC', adaptive: { maxSpreadMultiplier: 0.5 } })).toThrow(/maxSpreadMultiplier/);
  });
});
