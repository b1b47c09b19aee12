import { describe, expect, it } from 'vitest';
import { OrderBook } from './order-book.js';

const level = (priceTicks: number, sizeLots: number) => ({ priceTicks, sizeLots });

describe('OrderBook', () => {
  it('replaces everything on a snapshot and removes levels on size-0 deltas', () => {
    const book = new OrderBook();
    book.applyDelta({ bids: [level(1, 1)], asks: [level(9_999, 1)] });
    book.applySnapshot({ bids: [level(100, 5), level(99, 7)], asks: [level(101, 3), level(102, 4)] });
    expect(book.levelCount).toBe(4);
    expect(book.bids.sizeAt(1)).toBe(0);
    book.applyDelta({ bids: [level(100, 0), level(98, 1)], asks: [level(101, 6)] });
    expect(book.bestBidTicks()).toBe(99);
    expect(book.bestBidLots()).toBe(7);
    expect(book.bestAskTicks()).toBe(101);
    expect(book.bestAskLots()).toBe(6);
    expect(book.levelCount).toBe(4);
    expect(book.spreadTicks()).toBe(2);
    expect(book.midTicks()).toBe(100);
  });

  it('reports an empty book without inventing prices', () => {
    const book = new OrderBook();
    expect(book.bestBidTicks()).toBeUndefined();
    expect(book.bestAskLots()).toBe(0);
    expect(book.midTicks()).toBeUndefined();
    expect(book.microPriceTicks()).toBeUndefined();
    expect(book.imbalance(5)).toBe(0);
    expect(book.isCrossed()).toBe(false);
  });

  it('computes imbalance over top-N levels and within a tick distance', () => {
    const book = new OrderBook();
    book.applySnapshot({
      bids: [level(100, 30), level(99, 10), level(90, 100)],
      asks: [level(101, 10), level(102, 10), level(110, 100)],
    });
    expect(book.imbalance(1)).toBeCloseTo((30 - 10) / 40);
    expect(book.imbalance(2)).toBeCloseTo((40 - 20) / 60);
    expect(book.imbalanceWithinTicks(1)).toBeCloseTo((40 - 20) / 60);
    expect(book.imbalance(3)).toBeCloseTo((140 - 120) / 260);
    // Micro-price leans to the ask (less size there): 100·10/40 + 101·30/40.
    expect(book.microPriceTicks()).toBeCloseTo(100.75);
  });

  it('stores a crossed book verbatim and uncrosses only when asked', () => {
    const book = new OrderBook();
    book.applySnapshot({ bids: [level(100, 1)], asks: [level(101, 1), level(103, 1)] });
    book.setLevel('bid', 102, 5);
    expect(book.isCrossed()).toBe(true);
    expect(book.spreadTicks()).toBe(-1);
    expect(book.bestAskTicks()).toBe(101);
    expect(book.trimCrossed('bid')).toBe(1);
    expect(book.isCrossed()).toBe(false);
    expect(book.asks.levels()).toEqual([level(103, 1)]);
    book.setLevel('ask', 100, 2);
    expect(book.trimCrossed('ask')).toBe(2);
    expect(book.bids.levels()).toEqual([]);
    expect(book.trimCrossed('ask')).toBe(0);
  });

  it('validates its options by name', () => {
    expect(() => new OrderBook({ windowTicks: 100 })).toThrow(/windowTicks/);
    expect(() => new OrderBook({ windowTicks: 64, extra: 1 } as never)).toThrow(/extra/);
  });
});
