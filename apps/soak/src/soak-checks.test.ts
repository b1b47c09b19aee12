import { describe, expect, it } from 'vitest';
import { compareFills, maxInWindow, median, orphanOrders, pnlOf, positionOf } from './soak-checks.js';

describe('soak checks', () => {
  it('finds venue orders the bot does not hold, case-insensitively, and orders without a cloid', () => {
    expect(orphanOrders(['0xAB', '0xcd', undefined], new Set(['0xab']))).toEqual(['0xcd', '(none)']);
    expect(orphanOrders([], new Set(['0xab']))).toEqual([]);
  });

  it('tells lost, invented and doubled fills apart', () => {
    expect(compareFills(['1', '2', '2', '9'], ['1', '2', '3'])).toEqual({ missing: ['3'], extra: ['9'], duplicated: ['2'] });
    expect(compareFills(['1', '2'], ['2', '1'])).toEqual({ missing: [], extra: [], duplicated: [] });
  });

  it('marks fills to a price (hand computation)', () => {
    // Buy 0.01 @ 60,000 (fee 0.09), sell 0.004 @ 60,500 (fee 0.0363): cash -600 - 0.09 + 242 - 0.0363,
    // 0.006 left marked at 61,000 = 366: total 7.8737.
    const fills = [
      { side: 'buy' as const, price: 60_000, size: 0.01, feeQuote: 0.09 },
      { side: 'sell' as const, price: 60_500, size: 0.004, feeQuote: 0.0363 },
    ];
    expect(positionOf(fills)).toBeCloseTo(0.006, 12);
    expect(pnlOf(fills, 61_000)).toBeCloseTo(7.8737, 9);
    expect(pnlOf([...fills].reverse(), 61_000)).toBeCloseTo(7.8737, 9);
  });

  it('counts the busiest rolling window', () => {
    // 0, 10, 59 are inside one 60-unit window; 60 starts a new one with 10 and 59.
    expect(maxInWindow([60, 0, 10, 59, 200], 60)).toBe(3);
    expect(maxInWindow([0, 1, 2, 3], 60)).toBe(4);
    expect(maxInWindow([], 60)).toBe(0);
  });

  it('takes the median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
