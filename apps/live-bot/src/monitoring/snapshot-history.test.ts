import { describe, expect, it } from 'vitest';
import { historyPointOf, RingBuffer, SnapshotHistory } from './snapshot-history.js';
import { syntheticFill, syntheticSnapshot } from './snapshot-fixtures.js';

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.length).toBe(3);
    expect(ring.last()).toBe(5);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('historyPointOf', () => {
  it('takes our best bid (highest buy), best ask (lowest sell) and the mid of the book', () => {
    // The fixture's BTC: book 97000 / 97001, our bids 96990/96980/96970, our asks 97030/97020/97010.
    const btc = historyPointOf(syntheticSnapshot()).assets.find((asset) => asset.symbol === 'BTC')!;
    expect(btc.mid).toBe(97_000.5);
    expect(btc.ourBid).toBe(96_990);
    expect(btc.ourAsk).toBe(97_010);
    expect(btc.fillCount).toBe(7); // 4 buys + 3 sells
    expect(btc.rebatesUsd).toBe(2.1);
    expect(btc.feesUsd).toBe(0.26);
  });

  it('has no mid and no quotes when the book and our ladder are empty', () => {
    const snapshot = syntheticSnapshot();
    const empty = { ...snapshot, assets: [{ ...snapshot.assets[0]!, bestBid: null, bestAsk: 97_001, quotes: [] }] };
    const [point] = historyPointOf(empty).assets;
    expect(point).toMatchObject({ mid: null, ourBid: null, ourAsk: null });
  });
});

describe('SnapshotHistory', () => {
  it('stays bounded over a long run and keeps the newest points and fills', () => {
    const history = new SnapshotHistory({ points: 100, fills: 10 });
    const base = syntheticSnapshot();
    for (let i = 1; i <= 1_000; i += 1) {
      history.record({ ...base, timeUs: base.timeUs + i * 1_000_000 });
      history.recordFill(syntheticFill({ timeUs: base.timeUs + i * 1_000_000 }));
    }
    const { points, fills, capacity } = history.toJSON();
    expect(points).toHaveLength(100);
    expect(points[0]!.timeUs).toBe(base.timeUs + 901 * 1_000_000);
    expect(points.at(-1)!.timeUs).toBe(base.timeUs + 1_000 * 1_000_000);
    expect(fills).toHaveLength(10);
    expect(capacity).toEqual({ points: 100, fills: 10 });
  });

  it('ignores a snapshot that is not newer than the last one (a /metrics read between publishes)', () => {
    const history = new SnapshotHistory();
    const snapshot = syntheticSnapshot();
    history.record(snapshot);
    history.record(snapshot);
    expect(history.toJSON().points).toHaveLength(1);
  });
});
