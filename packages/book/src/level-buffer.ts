import type { Level } from '@mm/core';

const INITIAL_CAPACITY = 64;

/**
 * A reusable list of price levels in two parallel typed arrays. Parsers fill one per message and
 * reset it for the next, so a stream of book messages allocates only when a message is longer than
 * every message before it (the arrays double, then stay).
 */
export class LevelBuffer {
  /** Number of levels in use; entries past it are garbage. */
  count = 0;
  priceTicks: Float64Array;
  sizeLots: Float64Array;

  constructor(initialCapacity = INITIAL_CAPACITY) {
    const capacity = Math.max(1, Math.floor(initialCapacity));
    this.priceTicks = new Float64Array(capacity);
    this.sizeLots = new Float64Array(capacity);
  }

  clear(): void {
    this.count = 0;
  }

  push(priceTicks: number, sizeLots: number): void {
    if (this.count === this.priceTicks.length) this.grow();
    this.priceTicks[this.count] = priceTicks;
    this.sizeLots[this.count] = sizeLots;
    this.count += 1;
  }

  /** Copies another buffer's levels in (for buffering a message beyond the parser's next reuse). */
  copyFrom(other: LevelBuffer): void {
    while (this.priceTicks.length < other.count) this.grow();
    this.priceTicks.set(other.priceTicks.subarray(0, other.count));
    this.sizeLots.set(other.sizeLots.subarray(0, other.count));
    this.count = other.count;
  }

  /** Allocating copy as `Level` objects, for object events and tests. */
  toLevels(): Level[] {
    const levels: Level[] = new Array(this.count);
    for (let i = 0; i < this.count; i += 1) {
      levels[i] = { priceTicks: this.priceTicks[i]!, sizeLots: this.sizeLots[i]! };
    }
    return levels;
  }

  private grow(): void {
    const capacity = this.priceTicks.length * 2;
    const prices = new Float64Array(capacity);
    const sizes = new Float64Array(capacity);
    prices.set(this.priceTicks);
    sizes.set(this.sizeLots);
    this.priceTicks = prices;
    this.sizeLots = sizes;
  }
}
