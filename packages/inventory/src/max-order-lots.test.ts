import { InvalidInputError } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxOrderLots } from './max-order-lots.js';

describe('maxOrderLots', () => {
  it('leaves room up to +max for buys and down to −max for sells', () => {
    expect(maxOrderLots('buy', { positionLots: 30, maxPositionLots: 100 })).toBe(70);
    expect(maxOrderLots('sell', { positionLots: 30, maxPositionLots: 100 })).toBe(130);
    expect(maxOrderLots('sell', { positionLots: -30, maxPositionLots: 100 })).toBe(70);
    expect(maxOrderLots('buy', { positionLots: -30, maxPositionLots: 100 })).toBe(130);
  });

  it('counts resting same-side orders as if filled, and never goes negative', () => {
    expect(maxOrderLots('buy', { positionLots: 30, maxPositionLots: 100, restingLots: 50 })).toBe(20);
    expect(maxOrderLots('buy', { positionLots: 90, maxPositionLots: 100, restingLots: 50 })).toBe(0);
    expect(maxOrderLots('buy', { positionLots: 150, maxPositionLots: 100 })).toBe(0);
  });

  it('rejects non-integer or non-positive inputs', () => {
    expect(() => maxOrderLots('buy', { positionLots: 1.5, maxPositionLots: 100 })).toThrow(InvalidInputError);
    expect(() => maxOrderLots('buy', { positionLots: 1, maxPositionLots: 0 })).toThrow(InvalidInputError);
    expect(() => maxOrderLots('buy', { positionLots: 1, maxPositionLots: 10, restingLots: -1 })).toThrow(InvalidInputError);
  });

  it('a full fill of the capped order keeps |position| within max', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.constantFrom('buy' as const, 'sell' as const),
        (maxPositionLots, rawPosition, side) => {
          const positionLots = rawPosition % (maxPositionLots + 1); // within the limit to start with
          const lots = maxOrderLots(side, { positionLots, maxPositionLots });
          const after = positionLots + (side === 'buy' ? lots : -lots);
          expect(Math.abs(after)).toBeLessThanOrEqual(maxPositionLots);
        },
      ),
    );
  });
});
