import { InvalidInputError, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingPriceRange } from './rolling-price-range.js';

const S = MICROS_PER_SECOND;

describe('RollingPriceRange', () => {
  it('measures a rise from the low and a fall from the high', () => {
    const range = new RollingPriceRange(MICROS_PER_MINUTE);
    range.push(100, 0);
    const rise = range.push(101.4, 42 * S);
    expect(rise).toMatchObject({ fromPrice: 100, fromTime: 0, toPrice: 101.4, toTime: 42 * S });
    expect(rise.fraction).toBeCloseTo(0.014, 12);
    const fall = range.push(99.4, 50 * S);
    expect(fall).toMatchObject({ fromPrice: 101.4, toPrice: 99.4 });
    expect(fall.fraction).toBeCloseTo(2 / 101.4, 12);
  });

  it('forgets prices exactly one window old', () => {
    const range = new RollingPriceRange(MICROS_PER_MINUTE);
    range.push(100, 0);
    expect(range.push(102, 60 * S - 1).fromPrice).toBe(100);
    const range2 = new RollingPriceRange(MICROS_PER_MINUTE);
    range2.push(100, 0);
    expect(range2.push(102, 60 * S).fraction).toBe(0);
  });

  it('holds only the staircase of extremes, not every price', () => {
    const range = new RollingPriceRange(MICROS_PER_MINUTE);
    for (let index = 0; index < 10_000; index += 1) range.push(index % 2 === 0 ? 100 : 100.5, index * 1000);
    expect(range.heldCount).toBeLessThanOrEqual(4);
  });

  it('matches a brute-force scan of the window', () => {
    const step = fc.record({ gapUs: fc.integer({ min: 0, max: 20 * S }), price: fc.integer({ min: 1, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 200 }), (steps) => {
        const range = new RollingPriceRange(MICROS_PER_MINUTE);
        const seen: { price: number; time: number }[] = [];
        let time = 0;
        for (const { gapUs, price } of steps) {
          time += gapUs;
          seen.push({ price, time });
          const move = range.push(price, time);
          const inWindow = seen.filter((point) => point.time > time - MICROS_PER_MINUTE);
          const expected = Math.max(...inWindow.map((point) => Math.abs(price - point.price) / point.price));
          expect(move.fraction).toBeCloseTo(expected, 12);
          expect(move.toPrice).toBe(price);
        }
      }),
    );
  });

  it('rejects bad prices and times going backwards', () => {
    const range = new RollingPriceRange(MICROS_PER_MINUTE);
    expect(() => range.push(0, 0)).toThrow(InvalidInputError);
    expect(() => range.push(Number.NaN, 0)).toThrow(InvalidInputError);
    range.push(100, 10);
    expect(() => range.push(100, 9)).toThrow(InvalidInputError);
  });
});
