import { describe, expect, it } from 'vitest';
import type { MarketCapture } from './market-capture.js';
import { MarketReplay, type ReplayedBook, type ReplayedTrades } from './market-replay.js';

const level = { priceTicks: 1_000_000, sizeLots: 10, orders: 1 };
const capture: MarketCapture = {
  coin: 'BTC',
  firstLocalTimeUs: 10_000_000,
  lastLocalTimeUs: 12_000_000,
  frames: [
    { kind: 'book', localTimeUs: 10_000_000, timeMs: 9_990, bids: [level], asks: [] },
    {
      kind: 'trades',
      localTimeUs: 11_000_000,
      trades: [{ side: 'B', priceTicks: 1, sizeLots: 1, timeMs: 10_990, hash: '0x', users: ['0x1', '0x2'] }],
    },
    { kind: 'book', localTimeUs: 12_000_000, timeMs: 11_990, bids: [level], asks: [] },
  ],
};

function collect(replay: MarketReplay, nowUs: number): Array<ReplayedBook | ReplayedTrades> {
  const seen: Array<ReplayedBook | ReplayedTrades> = [];
  replay.advanceTo(nowUs, { book: (frame) => seen.push(frame), trades: (frame) => seen.push(frame), gap: () => {} });
  return seen;
}

describe('MarketReplay', () => {
  it('plays frames at their offsets from the start and shifts their times per loop', () => {
    const startUs = 100_000_000;
    const replay = new MarketReplay(capture, startUs, 1_000_000); // period 3 s
    expect(collect(replay, startUs).map((frame) => frame.atUs)).toEqual([startUs]);
    expect((collect(replay, startUs + 1_000_000)[0] as ReplayedTrades).trades[0]!.timeMs).toBe(10_990 + 90_000);
    const rest = collect(replay, startUs + 3_000_000);
    expect(rest.map((frame) => frame.atUs)).toEqual([startUs + 2_000_000, startUs + 3_000_000]);
    expect((rest[1] as ReplayedBook).timeMs).toBe(9_990 + 93_000);
    expect(replay.loopsCompleted).toBe(1);
  });

  it('a pause freezes the replay and moves what is left later by the pause', () => {
    const replay = new MarketReplay(capture, 0, 1_000_000);
    collect(replay, 0);
    replay.pause(500_000);
    expect(collect(replay, 5_000_000)).toHaveLength(0);
    replay.resume(5_500_000);
    expect(collect(replay, 5_999_999)).toHaveLength(0);
    expect(collect(replay, 6_000_000)).toHaveLength(1);
  });
});
