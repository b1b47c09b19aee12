import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askTicksOnGrid, bidTicksOnGrid, gridPriceAbove, gridPriceBelow } from './grid-rounding.js';
import { btcInstrument, plainInstrument } from './test-instruments.js';

describe('grid rounding', () => {
  it('rounds bids down and asks up on a plain grid, ignoring float noise', () => {
    expect(bidTicksOnGrid(plainInstrument, 1000.7)).toBe(1000);
    expect(askTicksOnGrid(plainInstrument, 1000.2)).toBe(1001);
    expect(bidTicksOnGrid(plainInstrument, 100.1 / 0.1)).toBe(1001);
    expect(askTicksOnGrid(plainInstrument, 100.1 / 0.1)).toBe(1001);
  });

  it('has no bid below one tick, and no ask below the lowest price', () => {
    expect(bidTicksOnGrid(plainInstrument, 0.5)).toBeUndefined();
    expect(gridPriceBelow(plainInstrument, 1)).toBeUndefined();
    expect(askTicksOnGrid(plainInstrument, -3)).toBe(1);
  });

  it('follows the significant-figure step on Hyperliquid', () => {
    // BTC at $100,004.5: more than 5 figures, but whole dollars are always allowed: $1 steps (10 ticks).
    expect(bidTicksOnGrid(btcInstrument, 1_000_045)).toBe(1_000_040);
    expect(askTicksOnGrid(btcInstrument, 1_000_045)).toBe(1_000_050);
    // At $1,234.56 five figures allow $0.1 steps, which is one tick.
    expect(bidTicksOnGrid(btcInstrument, 12_345.6)).toBe(12_345);
    expect(gridPriceBelow(btcInstrument, 1_000_000)).toBe(999_990); // $99,999
    expect(gridPriceAbove(btcInstrument, 999_990)).toBe(1_000_000);
  });

  it('property: bid ≤ target ≤ ask, both valid; neighbours strictly outside', () => {
    for (const instrument of [plainInstrument, btcInstrument]) {
      fc.assert(
        fc.property(fc.double({ min: 2, max: 5e7, noNaN: true }), (priceTicks) => {
          const bid = bidTicksOnGrid(instrument, priceTicks)!;
          const ask = askTicksOnGrid(instrument, priceTicks);
          expect(instrument.isValidPriceTicks(bid)).toBe(true);
          expect(instrument.isValidPriceTicks(ask)).toBe(true);
          expect(bid).toBeLessThanOrEqual(priceTicks + 1e-9);
          expect(ask).toBeGreaterThanOrEqual(priceTicks - 1e-9);
          const below = gridPriceBelow(instrument, bid);
          if (below !== undefined) {
            expect(below).toBeLessThan(bid);
            expect(instrument.isValidPriceTicks(below)).toBe(true);
          }
          const above = gridPriceAbove(instrument, ask);
          expect(above).toBeGreaterThan(ask);
          expect(instrument.isValidPriceTicks(above)).toBe(true);
        }),
      );
    }
  });
});
