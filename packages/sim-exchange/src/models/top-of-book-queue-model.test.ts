import { describe, expect, it } from 'vitest';
import { OrderBook } from '@mm/book';
import type { QueuePosition } from './queue-model.js';
import { TopOfBookQueueModel } from './top-of-book-queue-model.js';

/** A top-of-book book: one level a side, as a best bid/offer feed shows it. */
function quote(book: OrderBook, bid: [number, number], ask: [number, number]): void {
  book.clear();
  book.side('bid').set(bid[0], bid[1]);
  book.side('ask').set(ask[0], ask[1]);
}

const buyAt = (priceTicks: number): QueuePosition => ({ queueAheadLots: 0, tradedSinceDepthLots: 0, side: 'buy', priceTicks });

describe('top-of-book queue model (stated in its doc comment)', () => {
  it('at the best: behind the whole displayed size; trades at the price move it up, a smaller display caps it', () => {
    const book = new OrderBook();
    const model = new TopOfBookQueueModel();
    model.watch(book);
    quote(book, [100, 7], [101, 3]);
    const order = buyAt(100);
    model.onJoin(order, 7);
    expect(order.queueAheadLots).toBe(7);
    model.onTrade(order, 2);
    expect(order.queueAheadLots).toBe(5);
    model.onDepthChange(order, 5, 4);
    expect(order.queueAheadLots).toBe(4);
  });

  it('behind the best: no fill from trades at its price until the level is the best, then behind all of it', () => {
    const book = new OrderBook();
    const model = new TopOfBookQueueModel();
    model.watch(book);
    quote(book, [100, 7], [101, 3]);
    const order = buyAt(98);
    model.onJoin(order, 0); // the level is not displayed: its size is unknown
    model.onTrade(order, 50);
    expect(order.queueAheadLots).toBeGreaterThan(0);
    quote(book, [99, 2], [100, 1]); // 100 gone for a worse best, 98 still behind 99
    model.onDepthChange(order, 0, 0);
    expect(order.queueAheadLots).toBeGreaterThan(0);
    quote(book, [98, 9], [99, 4]); // now displayed as the best: 9 ahead, joined while hidden or not
    model.onDepthChange(order, 0, 9);
    expect(order.queueAheadLots).toBe(9);
  });

  it('hidden by a better price keeps its place; gone for a worse price means depleted (nobody ahead)', () => {
    const book = new OrderBook();
    const model = new TopOfBookQueueModel();
    model.watch(book);
    quote(book, [100, 7], [102, 3]);
    const order = buyAt(100);
    model.onJoin(order, 7);
    quote(book, [101, 1], [102, 3]);
    model.onDepthChange(order, 7, 0);
    expect(order.queueAheadLots).toBe(7);
    quote(book, [99, 4], [102, 3]);
    model.onDepthChange(order, 0, 0);
    expect(order.queueAheadLots).toBe(0);
  });

  it('improving the best (inside the spread): nobody ahead', () => {
    const book = new OrderBook();
    const model = new TopOfBookQueueModel();
    model.watch(book);
    quote(book, [100, 7], [103, 3]);
    const order = buyAt(101);
    model.onJoin(order, 0);
    expect(order.queueAheadLots).toBe(0);
  });
});
