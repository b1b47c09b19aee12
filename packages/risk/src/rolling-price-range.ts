import { InvalidInputError, type Micros } from '@mm/core';
import { RingDeque } from './ring-deque.js';

interface PricePoint {
  price: number;
  time: Micros;
}

/** The largest move from a price in the window to the latest price. */
export interface PriceMove {
  /** |latest − from| / from; 0.014 is a 1.4% move. */
  fraction: number;
  fromPrice: number;
  fromTime: Micros;
  toPrice: number;
  toTime: Micros;
}

/**
 * The highest and lowest price in the rolling window `(now − windowUs, now]`, kept in two monotonic
 * deques (maxima decreasing, minima increasing). A new price evicts every older entry it dominates,
 * and entries older than the window are pruned, so memory is bounded by the samples in the window
 * (in practice far fewer) and each update is amortised O(1).
 *
 * The move measured is from the window's extreme to the latest price: a rise is measured from the
 * low, a fall from the high, so a spike that comes back (100 → 102 → 100) is seen on the way up
 * and again on the way down. Prices may be in any unit (ticks or quote currency): only ratios count.
 */
export class RollingPriceRange {
  readonly windowUs: Micros;
  private readonly maxima = new RingDeque<PricePoint>();
  private readonly minima = new RingDeque<PricePoint>();
  private latest: PricePoint | undefined;

  constructor(windowUs: Micros) {
    if (!Number.isSafeInteger(windowUs) || windowUs <= 0) {
      throw new InvalidInputError(`window must be a positive integer number of microseconds, got ${windowUs}`);
    }
    this.windowUs = windowUs;
  }

  /** Adds a price at `time` (not before the previous one) and returns the largest move in the window. */
  push(price: number, time: Micros): PriceMove {
    if (!Number.isFinite(price) || price <= 0) throw new InvalidInputError(`price must be finite and > 0, got ${price}`);
    if (this.latest !== undefined && time < this.latest.time) {
      throw new InvalidInputError(`price time ${time} is before the previous price at ${this.latest.time}`);
    }
    const point = { price, time };
    for (let back = this.maxima.peekBack(); back !== undefined && back.price <= price; back = this.maxima.peekBack()) {
      this.maxima.popBack();
    }
    for (let back = this.minima.peekBack(); back !== undefined && back.price >= price; back = this.minima.peekBack()) {
      this.minima.popBack();
    }
    this.maxima.pushBack(point);
    this.minima.pushBack(point);
    this.latest = point;
    const cutoff = time - this.windowUs;
    pruneOlderThan(this.maxima, cutoff);
    pruneOlderThan(this.minima, cutoff);
    return this.largestMove();
  }

  /** Entries held by both deques (for memory tests). */
  get heldCount(): number {
    return this.maxima.size + this.minima.size;
  }

  private largestMove(): PriceMove {
    // Both deques always hold the latest point, so neither is empty here.
    const latest = this.latest as PricePoint;
    const high = this.maxima.peekFront() as PricePoint;
    const low = this.minima.peekFront() as PricePoint;
    const rise = (latest.price - low.price) / low.price;
    const fall = (high.price - latest.price) / high.price;
    const from = rise >= fall ? low : high;
    return {
      fraction: Math.max(rise, fall),
      fromPrice: from.price,
      fromTime: from.time,
      toPrice: latest.price,
      toTime: latest.time,
    };
  }
}

function pruneOlderThan(deque: RingDeque<PricePoint>, cutoff: Micros): void {
  for (let front = deque.peekFront(); front !== undefined && front.time <= cutoff; front = deque.peekFront()) {
    deque.popFront();
  }
}
