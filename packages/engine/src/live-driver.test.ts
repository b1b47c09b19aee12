import { describe, expect, it } from 'vitest';
import {
  ClientOrderIdSequence,
  Instrument,
  ManualClock,
  type AccountSnapshot,
  type ExecutionEvent,
  type ExecutionReports,
  type ExecutionVenue,
  type OrderCommand,
  type TimerEvent,
} from '@mm/core';
import { RiskManager } from '@mm/risk';
import { Engine } from './engine.js';
import { LiveDriver, type TimerApi } from './live-driver.js';
import type { EngineContext, Strategy } from './strategy.js';

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
  /** Answers of `reports()`, in order: a value, or an Error to reject with; then empty reports. */
  readonly answers: Array<ExecutionReports | Error> = [];
  reportsRequested = 0;
  private reconcileNeeded: (reason: string) => void = () => {};
  async reconcile(): Promise<AccountSnapshot> {
    return { openOrders: [], positions: {} };
  }
  async reports(): Promise<ExecutionReports> {
    this.reportsRequested += 1;
    const answer = this.answers.shift() ?? { openOrders: [], fills: [], positions: [], asOfUs: 0 };
    if (answer instanceof Error) throw answer;
    return answer;
  }
  onReconcileNeeded(handler: (reason: string) => void): () => void {
    this.reconcileNeeded = handler;
    return () => {};
  }
  lostTrack(reason: string): void {
    this.reconcileNeeded(reason);
  }
}

/** Quotes one bid on every book while it has none. */
class OneBid implements Strategy {
  readonly name = 'one-bid';
  readonly symbols = ['BTC'];
  onBook(symbol: string, context: EngineContext): void {
    if (context.quotingOrders(symbol).length > 0) return;
    const bid = context.book(symbol).bestBidTicks()!;
    context.send({
      type: 'place-order',
      symbol,
      clientOrderId: context.nextClientOrderId(),
      side: 'buy',
      priceTicks: bid,
      sizeLots: 10,
      timeInForce: 'post-only',
      reduceOnly: false,
    });
  }
}

/** Keeps one bid at the best bid: places it, then modifies it as the bid moves. */
class ChaseBid extends OneBid {
  override onBook(symbol: string, context: EngineContext): void {
    const [order] = context.quotingOrders(symbol);
    const bid = context.book(symbol).bestBidTicks()!;
    if (order === undefined) return super.onBook(symbol, context);
    if (order.priceTicks !== bid)
      context.send({ type: 'modify-order', symbol, clientOrderId: order.clientOrderId, priceTicks: bid, sizeLots: order.sizeLots });
  }
}

const flush = async () => {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
};

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

const book = (bid: number) => ({
  type: 'book-snapshot' as const,
  symbol: 'BTC',
  venueTimeUs: 0,
  localTimeUs: 0,
  bids: [{ priceTicks: bid, sizeLots: 5 }],
  asks: [{ priceTicks: bid + 2, sizeLots: 5 }],
});

describe('LiveDriver', () => {
  it('drains pushed events in order, one at a time, after the pushing turn', async () => {
    const clock = new ManualClock(1_000_000);
    const strategy = new Recorder();
    const engine = new Engine({
      clock,
      venue: new NullVenue(),
      instruments: [btc],
      strategy,
      risk: new RiskManager({ capitalUsd: 1_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
    });
    const driver = new LiveDriver(engine, manualTimers(clock), { reconcileOnStart: false });
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
    const engine = new Engine({
      clock,
      venue: new NullVenue(),
      instruments: [btc],
      strategy,
      risk: new RiskManager({ capitalUsd: 1_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
    });
    const timers = manualTimers(clock);
    const driver = new LiveDriver(engine, timers, { reconcileOnStart: false });
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

describe('LiveDriver: reconciliation and stale feeds', () => {
  function world(answers: Array<ExecutionReports | Error> = []) {
    const clock = new ManualClock(1_000_000);
    const venue = new NullVenue();
    venue.answers.push(...answers);
    const engine = new Engine({
      clock,
      venue,
      instruments: [btc],
      strategy: new OneBid(),
      risk: new RiskManager({ capitalUsd: 1_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
      venueEvents: 'driver',
    });
    const timers = manualTimers(clock);
    const failures: Array<[number, number]> = [];
    const driver = new LiveDriver(engine, timers, {
      reconcileRetryMs: { first: 1_000, max: 8_000 },
      onReconcileFailed: (_error, attempt, retryInMs) => failures.push([attempt, retryInMs]),
    });
    return { clock, venue, engine, timers, driver, failures };
  }
  const places = (venue: NullVenue) => venue.sent.flat().filter((command) => command.type === 'place-order').length;

  it('quotes only after the start-up reconcile has been applied', async () => {
    const { venue, engine, driver } = world();
    driver.start();
    driver.pushMarketData(book(100));
    expect(driver.reconcilePending).toBe(true);
    await flush();
    // The book arrived before the reports: kept, but the strategy was not started yet.
    expect(places(venue)).toBe(0);
    expect(engine.stats.commandsDenied).toBe(0);
    expect(venue.reportsRequested).toBe(1);
    expect(driver.reconcilePending).toBe(false);
    driver.pushMarketData(book(101));
    await flush();
    expect(places(venue)).toBe(1);
  });

  it('retries a failed reconcile with doubling delays, quoting paused (and quotes cancelled) until it succeeds', async () => {
    const outage = () => new Error('503 Service Unavailable');
    const { venue, engine, timers, driver, failures } = world([outage(), outage(), outage(), outage()]);
    driver.start();
    await flush();
    expect(failures).toEqual([[1, 1_000]]);
    for (const ms of [1_000, 2_000, 4_000]) {
      driver.pushMarketData(book(100));
      timers.advance(ms);
      await flush();
    }
    expect(failures).toEqual([
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
      [4, 8_000],
    ]);
    expect(places(venue)).toBe(0);
    expect(engine.quotingBlockedReason('BTC')).toContain('reconcile failed 4 times (503 Service Unavailable)');
    timers.advance(8_000);
    await flush();
    expect(venue.reportsRequested).toBe(5);
    expect(engine.quotingBlockedReason('BTC')).toBeUndefined();
    driver.pushMarketData(book(100));
    await flush();
    expect(places(venue)).toBe(1);
  });

  it('a position that differs from the venue after a reconcile pauses its symbol with the reason, then adopts the venue position and resumes', async () => {
    // The engine booked no fill; the venue holds 80 lots (at 100): the venue is the truth.
    const venueHolds80 = (): ExecutionReports => ({
      openOrders: [],
      fills: [],
      positions: [{ symbol: 'BTC', positionLots: 80, averageEntryPriceTicks: 100 }],
      asOfUs: 1_000_000,
    });
    const { venue, engine, timers, driver } = world([venueHolds80(), venueHolds80()]);
    driver.start();
    driver.pushMarketData(book(100));
    await flush();
    expect(engine.slot('BTC').position.positionLots).toBe(0);
    expect(engine.quotingBlockedReason('BTC')).toContain('position 0 lots here, 80 lots at the venue');
    expect(engine.quotingPauses).toEqual([expect.objectContaining({ symbol: 'BTC', cause: 'position-mismatch' })]);
    expect(places(venue)).toBe(0);
    // The re-read after the first retry delay still differs: the venue's 80 lots are adopted.
    timers.advance(1_000);
    await flush();
    expect(venue.reportsRequested).toBe(2);
    expect(engine.slot('BTC').position.positionLots).toBe(80);
    expect(engine.quotingBlockedReason('BTC')).toBeUndefined();
    driver.pushMarketData(book(100));
    await flush();
    expect(places(venue)).toBe(1);
  });

  it('a reconcile requested while a failed one waits out its backoff reads at once (the streams are back)', async () => {
    const down = () => new Error('reports refused: the WebSocket streams are down (reconnecting)');
    const { venue, driver, engine } = world([down(), down(), down()]);
    driver.start();
    await flush();
    await flush();
    expect(venue.reportsRequested).toBe(1);
    venue.answers.splice(0);
    venue.lostTrack('WebSocket reconnected');
    await flush();
    expect(venue.reportsRequested).toBe(2);
    expect(engine.quotingBlockedReason('BTC')).toBeUndefined();
  });

  it('reconciles when the venue says it lost track, and pauses quoting meanwhile', async () => {
    const { venue, engine, driver } = world();
    driver.start();
    await flush();
    venue.lostTrack('WebSocket reconnected');
    expect(engine.quotingBlockedReason('BTC')).toContain('WebSocket reconnected');
    await flush();
    expect(venue.reportsRequested).toBe(2);
    expect(engine.quotingBlockedReason('BTC')).toBeUndefined();
  });

  it('a refused modify leaves the order unknown: no more modifies into the void, the reports settle it', async () => {
    const clock = new ManualClock(1_000_000);
    const venue = new NullVenue();
    const engine = new Engine({
      clock,
      venue,
      instruments: [btc],
      strategy: new ChaseBid(),
      risk: new RiskManager({ capitalUsd: 1_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
      venueEvents: 'driver',
    });
    const driver = new LiveDriver(engine, manualTimers(clock));
    driver.start();
    await flush();
    driver.pushMarketData(book(100));
    await flush();
    const [placed] = venue.sent.flat() as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    const id = placed!.clientOrderId;
    driver.pushExecution({ type: 'order-accepted', symbol: 'BTC', clientOrderId: id, venueOrderId: '1', venueTimeUs: 0, localTimeUs: 0 });
    driver.pushMarketData(book(101));
    await flush();
    expect(venue.sent.flat().filter((command) => command.type === 'modify-order')).toHaveLength(1);
    // The order was filled or cancelled at the venue meanwhile: the modify is refused.
    venue.answers.push({ openOrders: [], fills: [], positions: [], asOfUs: 2_000_000 });
    driver.pushExecution({
      type: 'command-rejected',
      symbol: 'BTC',
      clientOrderId: id,
      command: 'modify-order',
      reason: 'Cannot modify canceled or filled order',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    driver.pushMarketData(book(102));
    driver.pushMarketData(book(103));
    await flush();
    // Not put back to 'open': no second modify was sent; the reconcile found it gone and closed it.
    expect(venue.sent.flat().filter((command) => command.type === 'modify-order')).toHaveLength(1);
    expect(venue.reportsRequested).toBe(2);
    expect(engine.orders.get(id)!.status).toBe('canceled');
    driver.pushMarketData(book(104));
    await flush();
    expect(venue.sent.flat().filter((command) => command.type === 'place-order')).toHaveLength(2);
  });

  it('a stale feed pulls the quotes and says so; the next book resumes quoting', async () => {
    const { venue, engine, driver } = world();
    driver.start();
    await flush();
    driver.pushMarketData(book(100));
    await flush();
    const [placed] = venue.sent.flat() as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    driver.pushExecution({
      type: 'order-accepted',
      symbol: 'BTC',
      clientOrderId: placed!.clientOrderId,
      venueOrderId: '1',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    driver.pushStale('BTC', 70_000_000);
    await flush();
    expect(venue.sent.at(-1)).toEqual([
      { type: 'cancel-all', symbol: 'BTC', reason: 'BTC market data silent for 70 s: quotes pulled until it speaks again' },
    ]);
    expect(engine.quotingPauses).toMatchObject([{ symbol: 'BTC', cause: 'stale-feed' }]);
    driver.pushExecution({
      type: 'order-canceled',
      symbol: 'BTC',
      clientOrderId: placed!.clientOrderId,
      reason: 'requested',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    driver.pushMarketData(book(105));
    await flush();
    expect(engine.quotingPauses).toEqual([]);
    expect(places(venue)).toBe(2);
  });
});
