import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleSeries, thinFills, type FillMarker } from './downsample.js';

function extremes(values: readonly (number | null)[]): { min: number; max: number } {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return { min: Math.min(...finite), max: Math.max(...finite) };
}

describe('downsampleSeries', () => {
  it('returns short series unchanged, non-finite values as null gaps', () => {
    const result = downsampleSeries([1, 2, 3, 4], [5, Number.NaN, null, Infinity], 10);
    expect(result).toEqual({ timeUs: [1, 2, 3, 4], values: [5, null, null, null] });
  });

  it('reduces 1M samples to at most 4 points per bucket and keeps first, last, spikes', () => {
    const count = 1_000_000;
    const timeUs = new Float64Array(count);
    const values: number[] = [];
    for (let i = 0; i < count; i += 1) {
      timeUs[i] = 1_737_849_600_000_000 + i * 1_000;
      values.push(Math.sin(i / 5_000));
    }
    values[123_457] = 50; // one-sample spike: must survive
    values[765_433] = -50;
    const result = downsampleSeries(timeUs, values, 1_000);
    expect(result.timeUs.length).toBeLessThanOrEqual(4_000);
    expect(result.timeUs.length).toBe(result.values.length);
    expect(result.timeUs[0]).toBe(timeUs[0]);
    expect(result.timeUs.at(-1)).toBe(timeUs[count - 1]);
    expect(result.values).toContain(50);
    expect(result.values).toContain(-50);
    expect(result.timeUs[result.values.indexOf(50)]).toBe(timeUs[123_457]);
  });

  it('keeps a quoting gap at a bucket edge as a null so the line breaks', () => {
    const timeUs = Array.from({ length: 1_000 }, (_, i) => i);
    const bid = timeUs.map((i) => (i >= 500 && i < 700 ? null : 100 + (i % 3)));
    const result = downsampleSeries(timeUs, bid, 10);
    const gap = result.timeUs.filter((_time, i) => result.values[i] === null);
    expect(gap.length).toBeGreaterThan(0);
    expect(gap.every((time) => time >= 500 && time < 700)).toBe(true);
    expect(
      result.values.some((value, i) => value !== null && (result.timeUs[i] as number) >= 500 && (result.timeUs[i] as number) < 700),
    ).toBe(false);
  });

  it('handles a zero time span (all samples at one instant)', () => {
    const result = downsampleSeries(
      new Array(100).fill(5),
      Array.from({ length: 100 }, (_, i) => i),
      10,
    );
    expect(result.values).toEqual([0, 99]);
  });

  it('property: a time-ordered subset of the samples with the same extremes and at most 4 per bucket', () => {
    const sample = fc.record({
      steps: fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 600 }),
      values: fc.array(
        fc.option(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0),
          { nil: null },
        ),
        { minLength: 600, maxLength: 600 },
      ),
      buckets: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(sample, ({ steps, values: pool, buckets }) => {
        let time = 1_700_000_000_000_000;
        const timeUs = steps.map((step) => (time += step));
        const values = pool.slice(0, timeUs.length);
        const result = downsampleSeries(timeUs, values, buckets);
        expect(result.timeUs.length).toBeLessThanOrEqual(Math.max(timeUs.length, 4 * buckets));
        const original = new Map<number, (number | null)[]>();
        timeUs.forEach((t, i) => original.set(t, [...(original.get(t) ?? []), values[i] ?? null]));
        result.timeUs.forEach((t, i) => {
          if (i > 0) expect(t).toBeGreaterThanOrEqual(result.timeUs[i - 1] as number);
          expect(original.get(t)).toContain(result.values[i]);
        });
        if (values.some((value) => value !== null)) expect(extremes(result.values)).toEqual(extremes(values));
        expect(result.timeUs[0]).toBe(timeUs[0]);
        expect(result.timeUs.at(-1)).toBe(timeUs.at(-1));
      }),
    );
  });
});

describe('thinFills', () => {
  const grid = { startUs: 0, endUs: 1_000, priceMin: 100, priceMax: 110, timeBuckets: 10, priceBuckets: 10 };
  const fill = (timeUs: number, price: number, side: 'buy' | 'sell' = 'buy'): FillMarker => ({ timeUs, price, side, liquidity: 'maker' });

  it('keeps every fill below the limit', () => {
    const fills = [fill(1, 100), fill(2, 100), fill(3, 100)];
    expect(thinFills(fills, grid, 3)).toEqual(fills);
  });

  it('keeps one fill per screen cell and kind above the limit, in order', () => {
    const fills = [fill(1, 100.1), fill(2, 100.2), fill(3, 100.3, 'sell'), fill(999, 110), fill(500, 105), fill(501, 105.01)];
    expect(thinFills(fills, grid, 2)).toEqual([fill(1, 100.1), fill(3, 100.3, 'sell'), fill(999, 110), fill(500, 105)]);
  });
});
