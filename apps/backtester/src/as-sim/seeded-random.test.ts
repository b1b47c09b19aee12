import { describe, expect, it } from 'vitest';
import { seededRandom, xoshiro128StarStar } from './seeded-random.js';

const draw = (seed: number, count: number): number[] => {
  const next = seededRandom(seed);
  return Array.from({ length: count }, next);
};

describe('xoshiro128StarStar', () => {
  it('matches the reference outputs for the state {1, 2, 3, 4}', () => {
    const next = xoshiro128StarStar(1, 2, 3, 4);
    const outputs = [next(), next(), next()].map((uniform) => uniform * 0x1_0000_0000);
    expect(outputs).toEqual([11_520, 0, 5_927_040]);
  });
});

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(1, 1_000)).toEqual(draw(1, 1_000));
  });

  it('gives unrelated sequences for neighbouring seeds', () => {
    const first = draw(1, 100);
    const second = draw(2, 100);
    expect(first.filter((value, index) => value === second[index])).toEqual([]);
  });

  it('draws from [0, 1) with a roughly uniform mean and variance', () => {
    const values = draw(42, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    // Standard error of the mean is √(1/12/n) ≈ 0.0009; of the variance far smaller than 0.002.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => seededRandom(1.5)).toThrow(RangeError);
    expect(() => seededRandom(Number.NaN)).toThrow(RangeError);
  });
});
