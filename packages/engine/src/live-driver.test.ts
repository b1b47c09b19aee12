import { describe, expect, it } from 'vitest';
import {
  ClientOrderIdSequence,
  Instrument,
  ManualClock,
  type AccountSnapshot,
  type ExecutionEvent,
  type ExecutionVenue,
  type OrderCommand,
  type TimerEvent,
} from '@mm/core';
import { RiskManager } from '@mm/risk';
import { Engine } from './engine.js';
import { LiveDriver, type TimerApi } from './live-driver.js';
import type { EngineContext, Strategy } from './strategy.js';
import { SystemClock } from './system-clock.js';

const btc = new Instrument({ symbol: 'BTC', venue: 'test', tickSize: '1', lotSize: '0.001', minNotional: 10 });

class NullVenue implements ExecutionVenue {
  readonly venue = 'null';
  readonly capabilities = { modify: true, batch: true, maxBatchSize: 40, postOnly: true, deadManSwitch: false };
  readonly sent: OrderCommand[][] = [];
  send(commands: readonly OrderCommand[]): void {
    this.sent.push([...commands]);
  }
  onEvent(): () => void {
    return () => {};
  }
  async reconcile(): Promise<AccountSnapshot> {
    return { openOrders: [], positions: {} };
  }
}

/** Records what it sees; asks for a timer every second; while handling a book, nothing else runs. */
class Recorder implements Strategy {
  readonly name = 'recorder';
  readonly symbols = ['BTC'];
  readonly seen: string[] = [];
  inside = false;
  overlapped = false;
  onStart(context: EngineContext): void {
    context.scheduleTimer('tick', context.clock.now() + 1_000_000);
  }
  onBook(_symbol: string, context: EngineContext): void {
    if (this.inside) this.overlapped = true;
    this.inside = true;
    this.seen.push(`book ${context.book('BTC').bestBidTicks()}`);
    this.inside = false;
  }
  onOrderEvent(event: ExecutionEvent): void {
    this.seen.push(event.type);
  }
  onTimer(timer: TimerEvent, context: EngineContext): void {
    this.seen.push(`timer ${timer.name}`);
    context.scheduleTimer('tick', context.clock.now() + 1_000_000);
  }
}

/** Hand-driven timers on a manual clock. */
function manualTimers(clock: ManualClock): TimerApi & { advance(ms: number): void; pending(): number } {
  let timers: Array<{ at: number; callback: () => void; handle: number }> = [];
  let nextHandle = 1;
  return {
    setTimeout(callback, delayMs) {
      const handle = nextHandle++;
      timers.push({ at: clock.now() + delayMs * 1000, callback, handle });
      return handle;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.handle !== handle);
    },
    advance(ms) {
      const end = clock.now() + ms * 1000;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((timer) => timer !== due);
        clock.set(Math.max(clock.now(), due.at));
        due.callback();
      }
      clock.set(end);
    },
    pending: () => timers.length,
  };
}

const book = (bid: number) => ({ type: 'book-snapshot' as const, symbol: 'BTC', venueTimeUs: 0, localTimeUs: 0, bids: [{ priceTicks: bid, sizeLots: 5 }], asks: [{ priceTicks: bid + 2, sizeLots: 5 }] });

describe('LiveDriver', () => {
  it('drains pushed events in order, one at a time, after the pushing turn', async () => {
    const clock = new ManualClock(1_000_000);
    const strategy = new Recorder();
    const engine = new Engine({ clock, venue: new NullVenue(), instruments: [btc], strategy, risk: new RiskManager({ capitalUsd: 1_000 }), clientOrderIds: new ClientOrderIdSequence(1) });
    const driver = new LiveDriver(engine, manualTimers(clock));
    driver.start();
    driver.pushMarketData(book(100));
    driver.pushMarketData(book(101));
    expect(strategy.seen).toEqual([]); // not yet: the adapter's turn is not over
    await Promise.resolve();
    expect(strategy.seen).toEqual(['book 100', 'book 101']);
    expect(strategy.overlapped).toBe(false);
    expect(driver.stats.marketEvents).toBe(2);
  });

  it('fires the engine timers on the clock', async () => {
    const clock = new ManualClock(1_000_000);
    const strategy = new Recorder();
    const engine = new Engine({ clock, venue: new NullVenue(), instruments: [btc], strategy, risk: new RiskManager({ capitalUsd: 1_000 }), clientOrderIds: new ClientOrderIdSequence(1) });
    const timers = manualTimers(clock);
    const driver = new LiveDriver(engine, timers);
    driver.start();
    timers.advance(999);
    expect(strategy.seen).toEqual([]);
    timers.advance(1);
    expect(strategy.seen).toEqual(['timer tick']);
    timers.advance(2_000);
    expect(strategy.seen).toEqual(['timer tick', 'timer tick', 'timer tick']);
    driver.stop('test over');
    expect(timers.pending()).toBe(0);
  });
});

describe('SystemClock', () => {
  it('gives integer microseconds that never go backwards', () => {
    const clock = new SystemClock();
    const first = clock.now();
    const second = clock.now();
    expect(Number.isInteger(first)).toBe(true);
    expect(second).toBeGreaterThanOrEqual(first);
    expect(Math.abs(first / 1000 - performance.timeOrigin - performance.now())).toBeLessThan(1_000);
  });
});
