import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '@mm/core';
import { OrderBook } from './order-book.js';
import type { BookSide } from './order-book-side.js';

/** The obviously-correct book: one Map per side, sorted on every read. */
class MapBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();

  side(side: BookSide): Map<number, number> {
    return side === 'bid' ? this.bids : this.asks;
  }

  set(side: BookSide, priceTicks: number, sizeLots: number): void {
    if (sizeLots === 0) this.side(side).delete(priceTicks);
    else this.side(side).set(priceTicks, sizeLots);
  }

  /** Best first. */
  levels(side: BookSide): Level[] {
    return [...this.side(side).entries()]
      .sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]))
      .map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots }));
  }

  isBetterOrEqual(side: BookSide, price: number, than: number): boolean {
    return side === 'bid' ? price >= than : price <= than;
  }

  clearThroughPrice(side: BookSide, priceTicks: number): void {
    for (const price of [...this.side(side).keys()]) {
      if (this.isBetterOrEqual(side, price, priceTicks)) this.side(side).delete(price);
    }
  }
}

type Op =
  | { kind: 'snapshot'; bids: [number, number][]; asks: [number, number][] }
  | { kind: 'set'; side: BookSide; price: number; size: number }
  | { kind: 'delta'; bids: [number, number][]; asks: [number, number][] }
  | { kind: 'clear-through'; side: BookSide; price: number }
  | { kind: 'trim'; keep: BookSide }
  | { kind: 'clear' };

const CENTER = 100_000;
/** Mostly near a centre (dense window), sometimes far (beyond any small window), sometimes wild. */
const price = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: CENTER - 150, max: CENTER + 150 }) },
  { weight: 2, arbitrary: fc.integer({ min: CENTER - 5_000, max: CENTER + 5_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000_000 }) },
);
const size = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) });
const side = fc.constantFrom<BookSide>('bid', 'ask');
const levelList = (minSize: number) =>
  fc.array(fc.tuple(price, fc.integer({ min: minSize, max: 1_000_000 })), { maxLength: 40 });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), bids: levelList(1), asks: levelList(1) }) },
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('set' as const), side, price, size }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('delta' as const),
      bids: fc.array(fc.tuple(price, size), { maxLength: 20 }),
      asks: fc.array(fc.tuple(price, size), { maxLength: 20 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear-through' as const), side, price }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('trim' as const), keep: side }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
);

const toLevels = (pairs: [number, number][]): Level[] => pairs.map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots }));

function applyBoth(book: OrderBook, reference: MapBook, step: Op): void {
  switch (step.kind) {
    case 'snapshot':
      book.applySnapshot({ bids: toLevels(step.bids), asks: toLevels(step.asks) });
      reference.bids.clear();
      reference.asks.clear();
      for (const [p, s] of step.bids) reference.set('bid', p, s);
      for (const [p, s] of step.asks) reference.set('ask', p, s);
      return;
    case 'set':
      book.setLevel(step.side, step.price, step.size);
      reference.set(step.side, step.price, step.size);
      return;
    case 'delta':
      book.applyDelta({ bids: toLevels(step.bids), asks: toLevels(step.asks) });
      for (const [p, s] of step.bids) reference.set('bid', p, s);
      for (const [p, s] of step.asks) reference.set('ask', p, s);
      return;
    case 'clear-through':
      book.side(step.side).clearThroughPrice(step.price);
      reference.clearThroughPrice(step.side, step.price);
      return;
    case 'trim': {
      const bid = reference.levels('bid')[0]?.priceTicks;
      const ask = reference.levels('ask')[0]?.priceTicks;
      book.trimCrossed(step.keep);
      if (bid !== undefined && ask !== undefined && bid >= ask) {
        if (step.keep === 'bid') reference.clearThroughPrice('ask', bid);
        else reference.clearThroughPrice('bid', ask);
      }
      return;
    }
    case 'clear':
      book.clear();
      reference.bids.clear();
      reference.asks.clear();
      return;
  }
}

function sum(levels: Level[]): number {
  return levels.reduce((total, level) => total + level.sizeLots, 0);
}

function expectSameBook(book: OrderBook, reference: MapBook, probes: { price: number; n: number; ticks: number; lots: number }): void {
  for (const name of ['bid', 'ask'] as const) {
    const expected = reference.levels(name);
    const actual = book.side(name);
    expect(actual.levels()).toEqual(expected);
    expect(actual.levelCount).toBe(expected.length);
    expect(actual.bestPriceTicks()).toBe(expected[0]?.priceTicks);
    expect(actual.bestSizeLots()).toBe(expected[0]?.sizeLots ?? 0);
    expect(actual.sizeAt(probes.price)).toBe(reference.side(name).get(probes.price) ?? 0);
    expect(actual.depthLots(probes.n)).toBe(sum(expected.slice(0, probes.n)));
    const best = expected[0]?.priceTicks;
    const within = best === undefined ? [] : expected.filter((l) => Math.abs(l.priceTicks - best) <= probes.ticks);
    expect(actual.depthWithinTicks(probes.ticks)).toBe(sum(within));
    expect(actual.depthThroughPrice(probes.price)).toBe(
      sum(expected.filter((l) => reference.isBetterOrEqual(name, l.priceTicks, probes.price))),
    );
    expect(actual.priceAtLevel(probes.n)).toBe(expected[probes.n]?.priceTicks);
    let cumulative = 0;
    const reached = expected.find((l) => (cumulative += l.sizeLots) >= probes.lots);
    expect(actual.priceForDepth(probes.lots)).toBe(reached?.priceTicks);
    const prices = new Float64Array(probes.n);
    const sizes = new Float64Array(probes.n);
    const copied = actual.copyTopLevels(prices, sizes);
    expect(copied).toBe(Math.min(probes.n, expected.length));
    expect([...prices.subarray(0, copied)]).toEqual(expected.slice(0, copied).map((l) => l.priceTicks));
    expect([...sizes.subarray(0, copied)]).toEqual(expected.slice(0, copied).map((l) => l.sizeLots));
  }
  const bidDepth = sum(reference.levels('bid').slice(0, probes.n));
  const askDepth = sum(reference.levels('ask').slice(0, probes.n));
  const total = bidDepth + askDepth;
  expect(book.imbalance(probes.n)).toBeCloseTo(total === 0 ? 0 : (bidDepth - askDepth) / total, 12);
  expect(book.levelCount).toBe(reference.bids.size + reference.asks.size);
  const bid = reference.levels('bid')[0]?.priceTicks;
  const ask = reference.levels('ask')[0]?.priceTicks;
  expect(book.isCrossed()).toBe(bid !== undefined && ask !== undefined && bid >= ask);
}

const probes = fc.record({
  price,
  n: fc.integer({ min: 1, max: 30 }),
  ticks: fc.integer({ min: 0, max: 400 }),
  lots: fc.integer({ min: 1, max: 5_000_000 }),
});

describe('OrderBook against a Map-based reference', () => {
  for (const windowTicks of [64, 1 << 16]) {
    it(`agrees on every query after random snapshot/delta sequences (window ${windowTicks} ticks)`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(op, probes), { minLength: 1, maxLength: 120 }), (steps) => {
          const book = new OrderBook({ windowTicks });
          const reference = new MapBook();
          for (const [step, probe] of steps) {
            applyBoth(book, reference, step);
            expectSameBook(book, reference, probe);
          }
        }),
        { numRuns: windowTicks === 64 ? 400 : 150 },
      );
    });
  }

  it('agrees under a drifting market that forces many recentres', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 3 })), { minLength: 50, maxLength: 400 }),
        (moves) => {
          const book = new OrderBook({ windowTicks: 64 });
          const reference = new MapBook();
          let mid = 1_000_000;
          for (const [move, seed] of moves) {
            mid += move;
            // A touch that follows the mid, old levels removed behind it, some left deep.
            for (let i = 1; i <= 3; i += 1) {
              const lots = (seed + i) % 4 === 0 ? 0 : seed + i;
              book.setLevel('bid', mid - i, lots);
              reference.set('bid', mid - i, lots);
              book.setLevel('ask', mid + i, lots);
              reference.set('ask', mid + i, lots);
            }
            book.trimCrossed(move >= 0 ? 'bid' : 'ask');
            const bid = reference.levels('bid')[0]?.priceTicks;
            const ask = reference.levels('ask')[0]?.priceTicks;
            if (bid !== undefined && ask !== undefined && bid >= ask) {
              if (move >= 0) reference.clearThroughPrice('ask', bid);
              else reference.clearThroughPrice('bid', ask);
            }
            expectSameBook(book, reference, { price: mid, n: 5, ticks: 10, lots: 7 });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
