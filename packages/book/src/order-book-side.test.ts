import { describe, expect, it } from 'vitest';
import { LevelBuffer } from './level-buffer.js';
import { OrderBookSide } from './order-book-side.js';

describe('OrderBookSide', () => {
  it('keeps bids best (highest) first and asks best (lowest) first', () => {
    const bids = new OrderBookSide('bid', 64);
    const asks = new OrderBookSide('ask', 64);
    for (const price of [100, 102, 101]) {
      bids.set(price, price - 99);
      asks.set(price + 10, price - 99);
    }
    expect(bids.levels().map((l) => l.priceTicks)).toEqual([102, 101, 100]);
    expect(asks.levels().map((l) => l.priceTicks)).toEqual([110, 111, 112]);
    expect(bids.bestPriceTicks()).toBe(102);
    expect(bids.bestSizeLots()).toBe(3);
    expect(asks.bestPriceTicks()).toBe(110);
  });

  it('holds levels far outside the window and brings them back when the touch moves to them', () => {
    const bids = new OrderBookSide('bid', 64);
    bids.set(1_000_000, 5);
    bids.set(10_000, 7); // 990,000 ticks deeper than a 64-tick window
    bids.set(999_990, 1);
    expect(bids.levelCount).toBe(3);
    expect(bids.sizeAt(10_000)).toBe(7);
    expect(bids.depthLots(10)).toBe(13);
    bids.set(1_000_000, 0);
    bids.set(999_990, 0);
    expect(bids.bestPriceTicks()).toBe(10_000);
    expect(bids.levels()).toEqual([{ priceTicks: 10_000, sizeLots: 7 }]);
    bids.set(10_001, 2);
    expect(bids.levels().map((l) => l.priceTicks)).toEqual([10_001, 10_000]);
  });

  it('moves the window when the best price jumps better than it', () => {
    const asks = new OrderBookSide('ask', 64);
    asks.set(5_000, 1);
    asks.set(5_030, 2);
    asks.set(4_000, 3); // far better than the window start: recentre, old levels become far
    expect(asks.levels()).toEqual([
      { priceTicks: 4_000, sizeLots: 3 },
      { priceTicks: 5_000, sizeLots: 1 },
      { priceTicks: 5_030, sizeLots: 2 },
    ]);
    asks.set(4_000, 0);
    expect(asks.bestPriceTicks()).toBe(5_000);
    expect(asks.priceAtLevel(1)).toBe(5_030);
  });

  it('answers depth queries: within ticks, through a price, for a size', () => {
    const bids = new OrderBookSide('bid', 64);
    const levels = new LevelBuffer();
    levels.push(100, 10);
    levels.push(99, 20);
    levels.push(97, 30);
    levels.push(50, 40);
    bids.applyLevels(levels);
    expect(bids.depthWithinTicks(0)).toBe(10);
    expect(bids.depthWithinTicks(2)).toBe(30);
    expect(bids.depthWithinTicks(3)).toBe(60);
    expect(bids.depthThroughPrice(98)).toBe(30);
    expect(bids.depthThroughPrice(101)).toBe(0);
    expect(bids.depthLots(3)).toBe(60);
    expect(bids.priceForDepth(30)).toBe(99);
    expect(bids.priceForDepth(31)).toBe(97);
    expect(bids.priceForDepth(101)).toBeUndefined();
    expect(bids.priceAtLevel(3)).toBe(50);
    expect(bids.priceAtLevel(4)).toBeUndefined();
  });

  it('clears through a price (depth-limited snapshots, uncrossing)', () => {
    const asks = new OrderBookSide('ask', 64);
    for (const price of [10, 11, 12, 500]) asks.set(price, 1);
    expect(asks.clearThroughPrice(11)).toBe(2);
    expect(asks.levels().map((l) => l.priceTicks)).toEqual([12, 500]);
    expect(asks.clearThroughPrice(1_000)).toBe(2);
    expect(asks.levelCount).toBe(0);
    expect(asks.bestPriceTicks()).toBeUndefined();
    expect(asks.bestSizeLots()).toBe(0);
  });

  it('visits levels best first and stops when told', () => {
    const bids = new OrderBookSide('bid', 64);
    for (const price of [1, 2, 3, 4]) bids.set(price, price);
    const seen: number[] = [];
    bids.forEachLevel((priceTicks, _lots, index) => {
      seen.push(priceTicks);
      return index < 1;
    });
    expect(seen).toEqual([4, 3]);
  });

  it('ignores removal of a missing level and rejects off-grid input', () => {
    const bids = new OrderBookSide('bid', 64);
    bids.set(100, 0);
    expect(bids.levelCount).toBe(0);
    expect(() => bids.set(100.5, 1)).toThrow(/safe integer/);
    expect(() => bids.set(100, -1)).toThrow(/non-negative/);
    expect(() => bids.set(100, Number.NaN)).toThrow(/non-negative/);
    expect(() => new OrderBookSide('ask', 100)).toThrow(/multiple of 32/);
  });
});

describe('OrderBookSide.setTrusted', () => {
  it('does what set does for valid input', () => {
    const checked = new OrderBookSide('ask', 64);
    const trusted = new OrderBookSide('ask', 64);
    const updates: Array<[number, number]> = [
      [100, 5],
      [101, 3],
      [100, 0],
      [5_000, 2],
      [99, 7],
      [101, 0],
    ];
    for (const [price, size] of updates) {
      checked.set(price, size);
      trusted.setTrusted(price, size);
    }
    expect(trusted.levels()).toEqual(checked.levels());
    expect(trusted.bestPriceTicks()).toBe(99);
  });
});
