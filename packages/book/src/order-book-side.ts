import { InvalidInputError, type Level } from '@mm/core';
import type { LevelBuffer } from './level-buffer.js';

/** Which side of a book: bids (buy orders) or asks (sell orders). */
export type BookSide = 'bid' | 'ask';

/** Called once per level, best first; return `false` to stop the walk. */
export type LevelVisitor = (priceTicks: number, sizeLots: number, levelIndex: number) => boolean | void;

const INITIAL_FAR_CAPACITY = 256;

/**
 * One side of an L2 book in integer ticks and lots.
 *
 * Layout (the trade-off): a dense window of `windowTicks` slots, indexed by price, starts a little
 * better than the best price and reaches deep into the book; an occupancy bitmap over it finds the
 * next level in a few word scans. Updates inside the window (nearly all of them: activity clusters
 * at the touch) are O(1) and allocate nothing. Levels deeper than the window (Binance sends bids at
 * $1,000 with BTC at $60,000) live in a sorted "far" array, O(log n) to find plus a short copy to
 * insert; they change rarely. When the best price moves past the window's headroom, or drifts more
 * than half a window deep, the window is recentred: O(window), amortised over thousands of ticks of
 * price movement.
 *
 * Internally prices become keys where smaller is better (asks: price, bids: −price), so both sides
 * share one implementation. Invariant: no level is better than the window start, and every far
 * level is worse than the window end; far keys are kept in descending order, best last.
 */
export class OrderBookSide {
  readonly side: BookSide;
  private readonly isBid: boolean;
  private readonly windowSize: number;
  private readonly headroom: number;
  private readonly maxBestIndex: number;
  private readonly sizes: Float64Array;
  private readonly words: Int32Array;
  private baseKey = 0;
  /** False while the side is empty: the next level places the window, with no shifting. */
  private anchored = false;
  private windowCount = 0;
  private bestIndex = -1;
  private farKeys: Float64Array;
  private farSizes: Float64Array;
  private farCount = 0;
  private scanCount = 0;
  private scanLots = 0;
  private scanLastKey = Number.NaN;

  /** `windowTicks`: a multiple of 32, at least 64 (see `orderBookOptionsSchema`). */
  constructor(side: BookSide, windowTicks: number) {
    if (!Number.isSafeInteger(windowTicks) || windowTicks < 64 || windowTicks % 32 !== 0) {
      throw new InvalidInputError(`windowTicks must be a multiple of 32 and >= 64, got ${windowTicks}`);
    }
    this.side = side;
    this.isBid = side === 'bid';
    this.windowSize = windowTicks;
    this.headroom = windowTicks / 4;
    this.maxBestIndex = windowTicks / 2;
    this.sizes = new Float64Array(windowTicks);
    this.words = new Int32Array(windowTicks / 32);
    this.farKeys = new Float64Array(INITIAL_FAR_CAPACITY);
    this.farSizes = new Float64Array(INITIAL_FAR_CAPACITY);
  }

  // ---- updates ------------------------------------------------------------------------------

  /** Sets the size at a price; 0 removes the level. Throws on non-integer or negative input. */
  set(priceTicks: number, sizeLots: number): void {
    if (!Number.isSafeInteger(priceTicks)) {
      throw new InvalidInputError(`${this.side} price must be a safe integer of ticks, got ${priceTicks}`);
    }
    if (!Number.isSafeInteger(sizeLots) || sizeLots < 0) {
      throw new InvalidInputError(`${this.side} size must be a non-negative safe integer of lots, got ${sizeLots}`, {
        priceTicks,
      });
    }
    const key = this.isBid ? 0 - priceTicks : priceTicks;
    if (sizeLots === 0) this.removeKey(key);
    else this.putKey(key, sizeLots);
  }

  /**
   * `set` without the input checks, for replays of data already validated when it was converted
   * (the event log holds integer ticks and lots): the per-update checks are a measurable share of a
   * tick-level replay. Anything else should call `set`.
   */
  setTrusted(priceTicks: number, sizeLots: number): void {
    const key = this.isBid ? 0 - priceTicks : priceTicks;
    if (sizeLots === 0) this.removeKey(key);
    else this.putKey(key, sizeLots);
  }

  /** Applies every level of a parser's buffer, in order (size 0 removes). */
  applyLevels(levels: LevelBuffer): void {
    const prices = levels.priceTicks;
    const sizes = levels.sizeLots;
    for (let i = 0; i < levels.count; i += 1) this.set(prices[i]!, sizes[i]!);
  }

  applyLevelList(levels: readonly Level[]): void {
    for (let i = 0; i < levels.length; i += 1) {
      const level = levels[i]!;
      this.set(level.priceTicks, level.sizeLots);
    }
  }

  /** Removes every level. */
  clear(): void {
    if (this.windowCount > 0) {
      const words = this.words;
      const sizes = this.sizes;
      // Stops at the last occupied slot: a snapshot's levels sit near the touch, so a live book's
      // per-frame clear visits a few words, not the whole window.
      let remaining = this.windowCount;
      for (let w = this.bestIndex >>> 5; w < words.length && remaining > 0; w += 1) {
        let bits = words[w]!;
        if (bits === 0) continue;
        while (bits !== 0) {
          const low = bits & -bits;
          sizes[(w << 5) | (31 - Math.clz32(low))] = 0;
          bits ^= low;
          remaining -= 1;
        }
        words[w] = 0;
      }
    }
    this.windowCount = 0;
    this.bestIndex = -1;
    this.farCount = 0;
    this.anchored = false;
  }

  /**
   * Removes every level at least as good as `priceTicks` (bids at or above it, asks at or below).
   * Used for depth-limited snapshots (which only speak for prices down to their worst level) and
   * for trimming a crossed book. Returns the number of levels removed.
   */
  clearThroughPrice(priceTicks: number): number {
    if (!Number.isSafeInteger(priceTicks)) {
      throw new InvalidInputError(`${this.side} price must be a safe integer of ticks, got ${priceTicks}`);
    }
    if (!this.anchored) return 0;
    const limitKey = this.isBid ? 0 - priceTicks : priceTicks;
    let removed = 0;
    if (this.windowCount > 0) {
      const limitIndex = limitKey - this.baseKey;
      const words = this.words;
      const sizes = this.sizes;
      let stop = false;
      for (let w = this.bestIndex >>> 5; w < words.length && !stop; w += 1) {
        let bits = words[w]!;
        while (bits !== 0) {
          const low = bits & -bits;
          const index = (w << 5) | (31 - Math.clz32(low));
          if (index > limitIndex) {
            stop = true;
            break;
          }
          sizes[index] = 0;
          words[w] = words[w]! ^ low;
          bits ^= low;
          removed += 1;
        }
      }
      this.windowCount -= removed;
    }
    while (this.farCount > 0 && this.farKeys[this.farCount - 1]! <= limitKey) {
      this.farCount -= 1;
      removed += 1;
    }
    if (removed > 0) this.afterBestRemoved(this.bestIndex);
    return removed;
  }

  // ---- queries ------------------------------------------------------------------------------

  /** Best price (highest bid, lowest ask), or undefined when the side is empty. */
  bestPriceTicks(): number | undefined {
    if (this.bestIndex >= 0) return this.toPrice(this.baseKey + this.bestIndex);
    if (this.farCount > 0) return this.toPrice(this.farKeys[this.farCount - 1]!);
    return undefined;
  }

  /** Size at the best price; 0 when the side is empty. */
  bestSizeLots(): number {
    if (this.bestIndex >= 0) return this.sizes[this.bestIndex]!;
    if (this.farCount > 0) return this.farSizes[this.farCount - 1]!;
    return 0;
  }

  /** Number of price levels on this side. */
  get levelCount(): number {
    return this.windowCount + this.farCount;
  }

  /** Size resting at exactly `priceTicks`; 0 when there is no level. */
  sizeAt(priceTicks: number): number {
    if (!this.anchored) return 0;
    const key = this.isBid ? 0 - priceTicks : priceTicks;
    const index = key - this.baseKey;
    if (index < 0) return 0;
    if (index < this.windowSize) return this.sizes[index] ?? 0;
    const at = this.farIndexOf(key);
    return at >= 0 ? this.farSizes[at]! : 0;
  }

  /** Cumulative size over the best `levels` levels. */
  depthLots(levels: number): number {
    this.scan(levels, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, undefined, undefined, undefined);
    return this.scanLots;
  }

  /** Cumulative size at prices within `ticks` of the best (inclusive: 0 = the best level only). */
  depthWithinTicks(ticks: number): number {
    if (this.levelCount === 0) return 0;
    this.scan(Number.POSITIVE_INFINITY, this.bestKey() + ticks, Number.POSITIVE_INFINITY, undefined, undefined, undefined);
    return this.scanLots;
  }

  /** Cumulative size at prices at least as good as `priceTicks` (what a taker sweeps to reach it). */
  depthThroughPrice(priceTicks: number): number {
    const keyLimit = this.isBid ? 0 - priceTicks : priceTicks;
    this.scan(Number.POSITIVE_INFINITY, keyLimit, Number.POSITIVE_INFINITY, undefined, undefined, undefined);
    return this.scanLots;
  }

  /** Price of the `levelIndex`-th level (0 = best), or undefined when there are fewer levels. */
  priceAtLevel(levelIndex: number): number | undefined {
    if (!(levelIndex >= 0)) return undefined;
    this.scan(levelIndex + 1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, undefined, undefined, undefined);
    return this.scanCount === levelIndex + 1 ? this.toPrice(this.scanLastKey) : undefined;
  }

  /**
   * The worst price a taker reaches when sweeping `sizeLots` from the best level, or undefined when
   * the whole side holds less than that.
   */
  priceForDepth(sizeLots: number): number | undefined {
    if (!(sizeLots > 0)) return this.bestPriceTicks();
    this.scan(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, sizeLots, undefined, undefined, undefined);
    return this.scanLots >= sizeLots ? this.toPrice(this.scanLastKey) : undefined;
  }

  /** Visits levels best first, at most `maxLevels`; allocation-free apart from the visitor itself. */
  forEachLevel(visit: LevelVisitor, maxLevels = Number.POSITIVE_INFINITY): void {
    this.scan(maxLevels, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, visit, undefined, undefined);
  }

  /** Copies the best levels into caller-owned arrays; returns how many were written. */
  copyTopLevels(priceTicksOut: Float64Array, sizeLotsOut: Float64Array, maxLevels = priceTicksOut.length): number {
    const limit = Math.min(maxLevels, priceTicksOut.length, sizeLotsOut.length);
    this.scan(limit, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, undefined, priceTicksOut, sizeLotsOut);
    return this.scanCount;
  }

  /** Levels best first as objects (allocates; for tests, snapshots and display). */
  levels(maxLevels = Number.POSITIVE_INFINITY): Level[] {
    const out: Level[] = [];
    this.forEachLevel((priceTicks, sizeLots) => {
      out.push({ priceTicks, sizeLots });
    }, maxLevels);
    return out;
  }

  // ---- internals ----------------------------------------------------------------------------

  private toPrice(key: number): number {
    return this.isBid ? 0 - key : key;
  }

  private bestKey(): number {
    if (this.bestIndex >= 0) return this.baseKey + this.bestIndex;
    return this.farKeys[this.farCount - 1]!;
  }

  private putKey(key: number, sizeLots: number): void {
    if (!this.anchored) {
      this.baseKey = key - this.headroom;
      this.anchored = true;
    }
    let index = key - this.baseKey;
    if (index < 0) {
      this.recenter(key - this.headroom);
      index = key - this.baseKey;
    }
    if (index < this.windowSize) {
      const sizes = this.sizes;
      if (sizes[index] === 0) {
        this.words[index >>> 5] = this.words[index >>> 5]! | (1 << (index & 31));
        this.windowCount += 1;
        if (this.bestIndex < 0 || index < this.bestIndex) this.bestIndex = index;
      }
      sizes[index] = sizeLots;
    } else {
      this.farPut(key, sizeLots);
    }
  }

  private removeKey(key: number): void {
    if (!this.anchored) return;
    const index = key - this.baseKey;
    if (index < 0) return;
    if (index < this.windowSize) {
      const sizes = this.sizes;
      if (sizes[index] === 0) return;
      sizes[index] = 0;
      this.words[index >>> 5] = this.words[index >>> 5]! & ~(1 << (index & 31));
      this.windowCount -= 1;
      if (index === this.bestIndex) this.afterBestRemoved(index);
    } else if (this.farRemove(key) && this.windowCount === 0 && this.farCount === 0) {
      this.anchored = false;
    }
  }

  /** Finds the new best after levels at or before `from` went; recentres when it drifted too deep. */
  private afterBestRemoved(from: number): void {
    if (this.windowCount === 0) {
      this.bestIndex = -1;
      if (this.farCount === 0) {
        this.anchored = false;
        return;
      }
      this.recenter(this.farKeys[this.farCount - 1]! - this.headroom);
      return;
    }
    this.bestIndex = this.nextOccupied(from < 0 ? 0 : from);
    if (this.bestIndex > this.maxBestIndex) this.recenter(this.baseKey + this.bestIndex - this.headroom);
  }

  private nextOccupied(from: number): number {
    const words = this.words;
    let w = from >>> 5;
    if (w >= words.length) return -1;
    let bits = words[w]! & (-1 << (from & 31));
    while (bits === 0) {
      w += 1;
      if (w >= words.length) return -1;
      bits = words[w]!;
    }
    return (w << 5) | (31 - Math.clz32(bits & -bits));
  }

  /**
   * Moves the window to start at `newBaseKey`. Callers guarantee nothing is better than the new
   * start (it is derived from the best key minus the headroom).
   */
  private recenter(newBaseKey: number): void {
    const shift = newBaseKey - this.baseKey;
    if (shift === 0) return;
    const size = this.windowSize;
    const sizes = this.sizes;
    if (shift < 0) {
      // The window moves towards better prices: its deepest slots fall out into the far array.
      // They are better than every far key, so appending them worst first keeps it sorted.
      const distance = -shift;
      const firstMoved = distance >= size ? 0 : size - distance;
      if (this.windowCount > 0) {
        for (let i = size - 1; i >= firstMoved; i -= 1) {
          const lots = sizes[i]!;
          if (lots !== 0) this.farAppend(this.baseKey + i, lots);
        }
      }
      if (distance >= size) sizes.fill(0);
      else {
        sizes.copyWithin(distance, 0, size - distance);
        sizes.fill(0, 0, distance);
      }
      this.baseKey = newBaseKey;
    } else {
      if (shift >= size) sizes.fill(0);
      else {
        sizes.copyWithin(0, shift, size);
        sizes.fill(0, size - shift, size);
      }
      this.baseKey = newBaseKey;
      // Far levels now inside the window come back in, best first from the end of the far array.
      while (this.farCount > 0) {
        const index = this.farKeys[this.farCount - 1]! - newBaseKey;
        if (index >= size) break;
        sizes[index] = this.farSizes[this.farCount - 1]!;
        this.farCount -= 1;
      }
    }
    this.rebuildOccupancy();
  }

  private rebuildOccupancy(): void {
    const sizes = this.sizes;
    const words = this.words;
    words.fill(0);
    let count = 0;
    let best = -1;
    for (let i = 0; i < sizes.length; i += 1) {
      if (sizes[i] !== 0) {
        words[i >>> 5] = words[i >>> 5]! | (1 << (i & 31));
        count += 1;
        if (best < 0) best = i;
      }
    }
    this.windowCount = count;
    this.bestIndex = best;
  }

  /**
   * The one ordered walk, behind every depth query: window levels best first, then far levels best
   * first. Stops after `maxLevels` levels, before a key beyond `keyLimit`, once the cumulative size
   * reaches `lotsTarget`, or when the visitor returns false. Results go to the scan fields rather
   * than a returned object, so queries allocate nothing.
   */
  private scan(
    maxLevels: number,
    keyLimit: number,
    lotsTarget: number,
    visit: LevelVisitor | undefined,
    pricesOut: Float64Array | undefined,
    sizesOut: Float64Array | undefined,
  ): void {
    let count = 0;
    let total = 0;
    let lastKey = Number.NaN;
    this.scanCount = 0;
    this.scanLots = 0;
    this.scanLastKey = lastKey;
    if (!(maxLevels > 0)) return;
    let done = false;
    if (this.windowCount > 0) {
      const words = this.words;
      const sizes = this.sizes;
      const base = this.baseKey;
      for (let w = this.bestIndex >>> 5; w < words.length && !done; w += 1) {
        let bits = words[w]!;
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const key = base + ((w << 5) | (31 - Math.clz32(low)));
          if (key > keyLimit) {
            done = true;
            break;
          }
          const lots = sizes[key - base]!;
          if (pricesOut !== undefined) pricesOut[count] = this.toPrice(key);
          if (sizesOut !== undefined) sizesOut[count] = lots;
          if (visit !== undefined && visit(this.toPrice(key), lots, count) === false) {
            done = true;
            break;
          }
          lastKey = key;
          total += lots;
          count += 1;
          if (count >= maxLevels || total >= lotsTarget) {
            done = true;
            break;
          }
        }
      }
    }
    const keys = this.farKeys;
    const farSizes = this.farSizes;
    for (let i = this.farCount - 1; i >= 0 && !done; i -= 1) {
      const key = keys[i]!;
      if (key > keyLimit) break;
      const lots = farSizes[i]!;
      if (pricesOut !== undefined) pricesOut[count] = this.toPrice(key);
      if (sizesOut !== undefined) sizesOut[count] = lots;
      if (visit !== undefined && visit(this.toPrice(key), lots, count) === false) break;
      lastKey = key;
      total += lots;
      count += 1;
      if (count >= maxLevels || total >= lotsTarget) break;
    }
    this.scanCount = count;
    this.scanLots = total;
    this.scanLastKey = lastKey;
  }

  // ---- far levels: sorted by key descending, best (smallest key) last -------------------------

  /** First index whose key is <= `key` (descending order). */
  private farLowerBound(key: number): number {
    const keys = this.farKeys;
    let lo = 0;
    let hi = this.farCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! > key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private farIndexOf(key: number): number {
    const at = this.farLowerBound(key);
    return at < this.farCount && this.farKeys[at] === key ? at : -1;
  }

  private farPut(key: number, sizeLots: number): void {
    const at = this.farLowerBound(key);
    if (at < this.farCount && this.farKeys[at] === key) {
      this.farSizes[at] = sizeLots;
      return;
    }
    if (this.farCount === this.farKeys.length) this.growFar();
    this.farKeys.copyWithin(at + 1, at, this.farCount);
    this.farSizes.copyWithin(at + 1, at, this.farCount);
    this.farKeys[at] = key;
    this.farSizes[at] = sizeLots;
    this.farCount += 1;
  }

  private farRemove(key: number): boolean {
    const at = this.farIndexOf(key);
    if (at < 0) return false;
    this.farKeys.copyWithin(at, at + 1, this.farCount);
    this.farSizes.copyWithin(at, at + 1, this.farCount);
    this.farCount -= 1;
    return true;
  }

  private farAppend(key: number, sizeLots: number): void {
    if (this.farCount === this.farKeys.length) this.growFar();
    this.farKeys[this.farCount] = key;
    this.farSizes[this.farCount] = sizeLots;
    this.farCount += 1;
  }

  private growFar(): void {
    const keys = new Float64Array(this.farKeys.length * 2);
    const sizes = new Float64Array(this.farKeys.length * 2);
    keys.set(this.farKeys);
    sizes.set(this.farSizes);
    this.farKeys = keys;
    this.farSizes = sizes;
  }
}
