import { describe, expect, it } from 'vitest';
import { Instrument, type ExecutionEvent } from '@mm/core';
import { OrderBook } from '@mm/book';
import type { Engine } from '@mm/engine';
import { PositionTracker } from '@mm/inventory';
import { BacktestRecorder } from './backtest-recorder.js';

const instrument = new Instrument({ symbol: 'X', venue: 'test', tickSize: '0.01', lotSize: '1', minNotional: 0 });

/** Just what the recorder reads of an engine: one slot's book and position, no resting orders. */
function engineWithBook() {
  const book = new OrderBook();
  const slot = { symbol: 'X', book, position: new PositionTracker(instrument) };
  const engine = {
    slot: () => slot,
    symbolSlots: [slot],
    orders: { quotingOrders: () => [] },
    totalPnlQuote: () => 0,
  } as unknown as Engine;
  const setMid = (midTicks: number) => {
    book.clear();
    book.setLevel('bid', midTicks - 1, 1);
    book.setLevel('ask', midTicks + 1, 1);
  };
  return { engine, setMid };
}

const fill = (side: 'buy' | 'sell', priceTicks: number, localTimeUs: number): ExecutionEvent => ({
  type: 'order-filled',
  symbol: 'X',
  clientOrderId: `${side}-${localTimeUs}`,
  fillId: `${side}-${localTimeUs}`,
  side,
  priceTicks,
  sizeLots: 1,
  remainingLots: 0,
  liquidity: 'maker',
  feeQuote: 0,
  venueTimeUs: localTimeUs,
  localTimeUs,
});

describe('BacktestRecorder markouts', () => {
  // The convention: a markout is what the fill earned against the later mid, in bps of the fill
  // price: positive when the market moved our way (up after a buy, down after a sell).
  it('is positive for a buy the market rose after and for a sell it fell after, negative the other way', () => {
    const run = (side: 'buy' | 'sell', laterMidTicks: number) => {
      const { engine, setMid } = engineWithBook();
      const recorder = new BacktestRecorder(instrument, 100_000, 1_000);
      recorder.attach(engine);
      setMid(10_000); // mid 100.00
      recorder.onExecutionEvent(fill(side, 10_000, 1_000_000));
      setMid(laterMidTicks);
      for (let t = 1_100_000; t <= 32_000_000; t += 100_000) recorder.onSample(t);
      return recorder
        .summary({ ordersSent: 0, commandsDenied: 0, postOnlyRejects: 0 })
        .markouts.map((markout) => [markout.horizon, Number(markout.bps.toFixed(6)), markout.fills]);
    };
    const up = [
      ['1s', 100, 1],
      ['5s', 100, 1],
      ['30s', 100, 1],
    ]; // 100.00 -> 101.00: +100 bps
    const down = [
      ['1s', -100, 1],
      ['5s', -100, 1],
      ['30s', -100, 1],
    ];
    expect(run('buy', 10_100)).toEqual(up);
    expect(run('sell', 9_900)).toEqual(up);
    expect(run('buy', 9_900)).toEqual(down);
    expect(run('sell', 10_100)).toEqual(down);
  });

  it('reads a horizon at the first sample at or after fill time + horizon, and not before', () => {
    const { engine, setMid } = engineWithBook();
    const recorder = new BacktestRecorder(instrument, 100_000, 1_000);
    recorder.attach(engine);
    setMid(10_000);
    recorder.onExecutionEvent(fill('buy', 10_000, 1_000_000));
    setMid(10_050);
    recorder.onSample(1_900_000); // 0.9 s after the fill: no 1 s markout yet
    setMid(10_100);
    recorder.onSample(2_000_000); // 1 s after: read at mid 101
    const markouts = recorder.summary({ ordersSent: 0, commandsDenied: 0, postOnlyRejects: 0 }).markouts;
    expect(markouts[0]).toMatchObject({ horizon: '1s', fills: 1 });
    expect(markouts[0]!.bps).toBeCloseTo(100, 9);
    expect(markouts[1]).toMatchObject({ horizon: '5s', fills: 0 });
  });
});

describe('BacktestRecorder honest figures', () => {
  it('gives no annualised Sharpe from less than a day, and no fill balance or spread capture without fills', () => {
    const { engine, setMid } = engineWithBook();
    const recorder = new BacktestRecorder(instrument, 100_000, 1_000);
    recorder.attach(engine);
    // Six minutes of a moving mark: annualising it would print a big, meaningless number.
    for (let t = 0, mid = 10_000; t <= 360_000_000; t += 100_000, mid += t % 300_000 === 0 ? 3 : -1) {
      setMid(mid);
      recorder.onSample(t);
    }
    const summary = recorder.summary({ ordersSent: 0, commandsDenied: 0, postOnlyRejects: 0 });
    expect(summary.sharpe).toBeNaN();
    expect(summary.sharpeUnavailable).toMatch(/^n\/a: 0\.10 h of data; an annualised Sharpe needs at least a day/);
    expect(summary.fills).toBe(0);
    expect(summary.fillBalance).toBeNaN();
    expect(summary.spreadCapturedBps).toBeNaN();
  });
});
