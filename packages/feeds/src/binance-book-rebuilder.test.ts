import { describe, expect, it } from 'vitest';
import { BinanceBookRebuilder } from './binance-book-rebuilder.js';
import { BookUpdateScratch } from './book-update-scratch.js';
import type { BookGapEvent } from './feed-events.js';

type Pairs = Array<[number, number]>;

function snapshot(lastUpdateId: number, bids: Pairs, asks: Pairs): BookUpdateScratch {
  const update = new BookUpdateScratch();
  update.reset('snapshot', 'BTCUSDT', 0);
  update.finalUpdateId = lastUpdateId;
  for (const [p, s] of bids) update.bids.push(p, s);
  for (const [p, s] of asks) update.asks.push(p, s);
  return update;
}

function diff(first: number, final: number, prev: number, bids: Pairs, asks: Pairs = []): BookUpdateScratch {
  const update = new BookUpdateScratch();
  update.reset('delta', 'BTCUSDT', final);
  update.firstUpdateId = first;
  update.finalUpdateId = final;
  update.prevFinalUpdateId = prev;
  for (const [p, s] of bids) update.bids.push(p, s);
  for (const [p, s] of asks) update.asks.push(p, s);
  return update;
}

describe('BinanceBookRebuilder', () => {
  it('replays buffered diffs the snapshot does not cover, including the bridge received before it', () => {
    const rebuilder = new BinanceBookRebuilder();
    expect(rebuilder.apply(diff(90, 95, 89, [[100, 1]]))).toBe('unsynced'); // stale once the snapshot says 100
    expect(rebuilder.apply(diff(96, 104, 95, [[101, 7]]))).toBe('unsynced'); // the bridge
    expect(rebuilder.isSynced).toBe(false);
    expect(rebuilder.bufferedUpdateCount).toBe(2);
    rebuilder.apply(
      snapshot(
        100,
        [
          [101, 5],
          [100, 3],
        ],
        [[102, 4]],
      ),
    );
    expect(rebuilder.isSynced).toBe(true);
    expect(rebuilder.bufferedUpdateCount).toBe(0);
    // The snapshot's 100 @ 3 stands (the stale diff is not re-applied); the bridge's 101 @ 7 is.
    expect(rebuilder.book.bids.levels()).toEqual([
      { priceTicks: 101, sizeLots: 7 },
      { priceTicks: 100, sizeLots: 3 },
    ]);
    expect(rebuilder.apply(diff(105, 106, 104, [[101, 0]], [[102, 9]]))).toBe('apply');
    expect(rebuilder.book.bestBidTicks()).toBe(100);
    expect(rebuilder.book.bestAskLots()).toBe(9);
    expect(rebuilder.stats).toEqual({
      snapshots: 1,
      appliedUpdates: 2,
      staleUpdates: 1,
      unsyncedUpdates: 2,
      gaps: 0,
      appliedLevelChanges: 3,
    });
  });

  it("keeps levels deeper than a depth-limited snapshot under 'range', drops them under 'full'", () => {
    for (const [scope, expected] of [
      ['range', [102, 101, 50]],
      ['full', [102, 101]],
    ] as const) {
      const rebuilder = new BinanceBookRebuilder({ snapshotScope: scope });
      rebuilder.apply(
        diff(90, 95, 89, [
          [50, 2],
          [101, 1],
          [103, 1],
        ]),
      ); // stale, but 50 is beyond the snapshot
      rebuilder.apply(
        snapshot(
          100,
          [
            [102, 1],
            [101, 1],
          ],
          [[104, 1]],
        ),
      );
      expect(rebuilder.book.bids.levels().map((l) => l.priceTicks)).toEqual(expected);
    }
  });

  it('reports gaps as values and, by default, carries on from the gapped diff', () => {
    const gaps: BookGapEvent[] = [];
    const rebuilder = new BinanceBookRebuilder({}, (gap) => gaps.push(gap));
    rebuilder.apply(snapshot(100, [[100, 1]], [[101, 1]]));
    rebuilder.apply(diff(99, 101, 98, [[100, 2]]));
    expect(rebuilder.apply(diff(110, 112, 109, [[100, 5]]))).toBe('gap');
    expect(rebuilder.book.bestBidLots()).toBe(5);
    expect(gaps).toEqual([
      {
        type: 'book-gap',
        symbol: 'BTCUSDT',
        reason: 'sequence-break',
        expectedPrevUpdateId: 101,
        firstUpdateId: 110,
        finalUpdateId: 112,
        prevFinalUpdateId: 109,
        venueTimeUs: 0,
        localTimeUs: 112,
      },
    ]);
    expect(rebuilder.lastGap).toBe(gaps[0]);
    expect(rebuilder.apply(diff(113, 114, 112, [[100, 6]]))).toBe('apply');
    expect(rebuilder.stats.gaps).toBe(1);
  });

  it("under 'resync' buffers after a gap until the next snapshot", () => {
    const rebuilder = new BinanceBookRebuilder({ gapPolicy: 'resync' });
    rebuilder.apply(snapshot(100, [[100, 1]], [[101, 1]]));
    rebuilder.apply(diff(99, 101, 98, []));
    expect(rebuilder.apply(diff(110, 112, 109, [[100, 5]]))).toBe('gap');
    expect(rebuilder.isSynced).toBe(false);
    expect(rebuilder.apply(diff(113, 114, 112, [[100, 6]]))).toBe('unsynced');
    rebuilder.apply(snapshot(113, [[100, 4]], [[101, 1]]));
    expect(rebuilder.isSynced).toBe(true);
    expect(rebuilder.book.bestBidLots()).toBe(6); // the buffered 113–114 diff covers the snapshot
  });

  it('reports a missing bridge after the snapshot', () => {
    const gaps: BookGapEvent[] = [];
    const rebuilder = new BinanceBookRebuilder({}, (gap) => gaps.push(gap));
    rebuilder.apply(snapshot(100, [[100, 1]], [[101, 1]]));
    expect(rebuilder.apply(diff(105, 110, 104, []))).toBe('gap');
    expect(gaps[0]).toMatchObject({ reason: 'missing-bridge', expectedPrevUpdateId: 100 });
  });

  it('bounds the pre-snapshot buffer, dropping the oldest', () => {
    const rebuilder = new BinanceBookRebuilder({ maxBufferedUpdates: 2 });
    for (let i = 0; i < 5; i += 1) rebuilder.apply(diff(10 * i, 10 * i + 9, 10 * i - 1, [[100 + i, 1]]));
    expect(rebuilder.bufferedUpdateCount).toBe(2);
    rebuilder.apply(snapshot(35, [[1, 1]], [[1_000, 1]]));
    expect(rebuilder.isSynced).toBe(true); // the kept 30–39 diff bridges 35
    expect(() => new BinanceBookRebuilder({ maxBufferedUpdates: -1 })).toThrow(/maxBufferedUpdates/);
  });
});
