/** A series reduced for drawing: a subset of the original samples, still in time order. */
export interface DownsampledSeries {
  timeUs: number[];
  /** `null` where the original had no value (not quoting, or a non-finite number): the line breaks there. */
  values: (number | null)[];
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * M4 downsampling: the time range is cut into `buckets` equal slices and each slice keeps its first,
 * minimum, maximum and last sample, in time order. A line through those points covers the same pixels
 * as a line through every sample when there are at least as many buckets as pixel columns, so a
 * 1M-sample series draws from at most 4 × `buckets` points without losing spikes.
 *
 * First and last are kept even when they are `null`, so a quoting gap at a slice edge still breaks the
 * line; a gap strictly inside one slice is narrower than a pixel column and is not drawn.
 * Times must be non-decreasing (samples come from a replay clock).
 */
export function downsampleSeries(timeUs: ArrayLike<number>, values: ArrayLike<number | null>, buckets: number): DownsampledSeries {
  const count = Math.min(timeUs.length, values.length);
  const out: DownsampledSeries = { timeUs: [], values: [] };
  if (count <= Math.max(4 * buckets, 1)) {
    for (let i = 0; i < count; i += 1) {
      out.timeUs.push(timeUs[i] as number);
      out.values.push(finiteOrNull(values[i]));
    }
    return out;
  }
  const startUs = timeUs[0] as number;
  const spanUs = (timeUs[count - 1] as number) - startUs;
  const bucketsPerUs = spanUs > 0 ? buckets / spanUs : 0;
  const emit = (index: number): void => {
    out.timeUs.push(timeUs[index] as number);
    out.values.push(finiteOrNull(values[index]));
  };
  let bucket = -1;
  let first = 0;
  let minIndex = -1;
  let maxIndex = -1;
  const flush = (last: number): void => {
    const picks = [first, minIndex, maxIndex, last].filter((index) => index >= 0).sort((a, b) => a - b);
    let previous = -1;
    for (const index of picks) {
      if (index !== previous) emit(index);
      previous = index;
    }
  };
  for (let i = 0; i < count; i += 1) {
    const sampleBucket = Math.min(buckets - 1, Math.floor(((timeUs[i] as number) - startUs) * bucketsPerUs));
    if (sampleBucket !== bucket) {
      if (bucket >= 0) flush(i - 1);
      bucket = sampleBucket;
      first = i;
      minIndex = -1;
      maxIndex = -1;
    }
    const value = finiteOrNull(values[i]);
    if (value === null) continue;
    if (minIndex < 0 || value < (values[minIndex] as number)) minIndex = i;
    if (maxIndex < 0 || value > (values[maxIndex] as number)) maxIndex = i;
  }
  flush(count - 1);
  return out;
}

/** A fill as the price plot needs it. */
export interface FillMarker {
  timeUs: number;
  side: 'buy' | 'sell';
  price: number;
  liquidity: 'maker' | 'taker';
}

/** The drawing grid fills are thinned on: the plot's time and price ranges cut into cells. */
export interface FillGrid {
  startUs: number;
  endUs: number;
  priceMin: number;
  priceMax: number;
  timeBuckets: number;
  priceBuckets: number;
}

/**
 * Keeps at most one fill per (time cell, price cell, side, liquidity) once there are more than
 * `maxFills`: markers in the same cell overlap on screen, so the picture is unchanged while the
 * embedded data stays small. Below the limit every fill is kept. Input order is preserved.
 */
export function thinFills<Fill extends FillMarker>(fills: readonly Fill[], grid: FillGrid, maxFills: number): Fill[] {
  if (fills.length <= maxFills) return [...fills];
  const timeScale = grid.endUs > grid.startUs ? grid.timeBuckets / (grid.endUs - grid.startUs) : 0;
  const priceScale = grid.priceMax > grid.priceMin ? grid.priceBuckets / (grid.priceMax - grid.priceMin) : 0;
  const clamp = (cell: number, cells: number): number => Math.min(cells - 1, Math.max(0, Math.floor(cell)));
  const seen = new Set<number>();
  return fills.filter((fill) => {
    const timeCell = clamp((fill.timeUs - grid.startUs) * timeScale, grid.timeBuckets);
    const priceCell = clamp((fill.price - grid.priceMin) * priceScale, grid.priceBuckets);
    const kind = (fill.side === 'buy' ? 0 : 2) + (fill.liquidity === 'maker' ? 0 : 1);
    const key = (timeCell * grid.priceBuckets + priceCell) * 4 + kind;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
