import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '@mm/core';
import { OrderBook } from './order-book.js';
import type { BookSide } from './order-book-side.js';

/**
 * The obviously-correct book: one Map per side, sorted on read. The sorted copy is kept until the
 * next write, so the many queries after each step cost one sort per side (the drifting-market test
 * grows books of ~1,000 levels; re-sorting on every query made it slow on a busy machine).
 */
class MapBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  private readonly sorted: Record<BookSide, Level[] | undefined> = { bid: undefined, ask: undefined };

  side(side: BookSide): Map<number, number> {
    this.sorted[side] = undefined;
    return side === 'bid' ? this.bids : this.asks;
  }

  set(side: BookSide, priceTicks: number, sizeLots: number): void {
    if (sizeLots === 0) this.side(side).delete(priceTicks);
    else this.side(side).set(priceTicks, sizeLots);
  }

  clear(): void {
    this.side('bid').clear();
    this.side('ask').clear();
  }

  /** Best first. */
  levels(side: BookSide): Level[] {
    this.sorted[side] ??= [...(side === 'bid' ? this.bids : this.asks).entries()]
      .sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]))
      .map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots }));
    return this.sorted[side];
  }

  sizeAt(side: BookSide, priceTicks: number): number {
    return (side === 'bid' ? this.bids : this.asks).get(priceTicks) ?? 0;
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
const levelList = (minSize: number) => fc.array(fc.tuple(price, fc.integer({ min: minSize, max: 1_000_000 })), { maxLength: 40 });

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
      reference.clear();
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
      reference.clear();
      return;
  }
}

function sum(levels: Level[]): number {
  return levels.reduce((total, level) => total + level.sizeLots, 0);
}

type Probes = { price: number; n: number; ticks: number; lots: number };

/** Every query of one side, as the book answers it. */
function bookSideAnswers(book: OrderBook, name: BookSide, probes: Probes) {
  const actual = book.side(name);
  const prices = new Float64Array(probes.n);
  const sizes = new Float64Array(probes.n);
  const copied = actual.copyTopLevels(prices, sizes);
  return {
    levels: actual.levels(),
    levelCount: actual.levelCount,
    bestPriceTicks: actual.bestPriceTicks(),
    bestSizeLots: actual.bestSizeLots(),
    sizeAt: actual.sizeAt(probes.price),
    depthLots: actual.depthLots(probes.n),
    depthWithinTicks: actual.depthWithinTicks(probes.ticks),
    depthThroughPrice: actual.depthThroughPrice(probes.price),
    priceAtLevel: actual.priceAtLevel(probes.n),
    priceForDepth: actual.priceForDepth(probes.lots),
    copied,
    topPrices: [...prices.subarray(0, copied)],
    topSizes: [...sizes.subarray(0, copied)],
  };
}

/** The same queries answered from the reference's sorted levels. */
function referenceSideAnswers(reference: MapBook, name: BookSide, probes: Probes): ReturnType<typeof bookSideAnswers> {
  const expected = reference.levels(name);
  const best = expected[0]?.priceTicks;
  const within = best === undefined ? [] : expected.filter((l) => Math.abs(l.priceTicks - best) <= probes.ticks);
  let cumulative = 0;
  const reached = expected.find((l) => (cumulative += l.sizeLots) >= probes.lots);
  const copied = Math.min(probes.n, expected.length);
  return {
    levels: expected,
    levelCount: expected.length,
    bestPriceTicks: best,
    bestSizeLots: expected[0]?.sizeLots ?? 0,
    sizeAt: reference.sizeAt(name, probes.price),
    depthLots: sum(expected.slice(0, probes.n)),
    depthWithinTicks: sum(within),
    depthThroughPrice: sum(expected.filter((l) => reference.isBetterOrEqual(name, l.priceTicks, probes.price))),
    priceAtLevel: expected[probes.n]?.priceTicks,
    priceForDepth: reached?.priceTicks,
    copied,
    topPrices: expected.slice(0, copied).map((l) => l.priceTicks),
    topSizes: expected.slice(0, copied).map((l) => l.sizeLots),
  };
}

/**
 * All answers are compared as one value, and `expect` runs only to report a difference: tens of
 * thousands of steps times ~30 separate `expect` calls each was most of this file's time, which a
 * busy machine stretched past the test timeout.
 */
function expectSameBook(book: OrderBook, reference: MapBook, probes: Probes): void {
  const bid = reference.levels('bid')[0]?.priceTicks;
  const ask = reference.levels('ask')[0]?.priceTicks;
  const actual = {
    bid: bookSideAnswers(book, 'bid', probes),
    ask: bookSideAnswers(book, 'ask', probes),
    levelCount: book.levelCount,
    isCrossed: book.isCrossed(),
  };
  const expected = {
    bid: referenceSideAnswers(reference, 'bid', probes),
    ask: referenceSideAnswers(reference, 'ask', probes),
    levelCount: reference.bids.size + reference.asks.size,
    isCrossed: bid !== undefined && ask !== undefined && bid >= ask,
  };
  // JSON equality is toEqual's (undefined fields ignored), at a fraction of its cost.
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
  const bidDepth = expected.bid.depthLots;
  const askDepth = expected.ask.depthLots;
  const total = bidDepth + askDepth;
  const imbalance = total === 0 ? 0 : (bidDepth - askDepth) / total;
  if (!(Math.abs(book.imbalance(probes.n) - imbalance) < 1e-12)) expect(book.imbalance(probes.n)).toBeCloseTo(imbalance, 12);
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
        // Bounded by size and run count, never by time: up to 400 moves of up to 40 ticks recentre a
        // 64-tick window dozens of times per run, with the deep levels left behind (~1,000 a side at most).
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
