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
} from '@mm/core';
import { RiskManager } from '@mm/risk';
import { Engine } from './engine.js';
import type { EngineContext, Strategy } from './strategy.js';

const btc = new Instrument({ symbol: 'BTC', venue: 'test', tickSize: '1', lotSize: '0.001', minNotional: 10 });

class RecordingVenue implements ExecutionVenue {
  readonly venue = 'recording';
  readonly capabilities = { modify: true, batch: true, maxBatchSize: 40, postOnly: true, deadManSwitch: false };
  readonly batches: OrderCommand[][] = [];
  private handler: (event: ExecutionEvent) => void = () => {};
  send(commands: readonly OrderCommand[]): void {
    this.batches.push([...commands]);
  }
  onEvent(handler: (event: ExecutionEvent) => void) {
    this.handler = handler;
    return () => {};
  }
  emit(event: ExecutionEvent): void {
    this.handler(event);
  }
  async reconcile(): Promise<AccountSnapshot> {
    return { openOrders: [], positions: {} };
  }
  async reports(): Promise<ExecutionReports> {
    return { openOrders: [], fills: [], positions: [], asOfUs: 0 };
  }
}

/** Quotes one bid and one ask 5 ticks around the mid on every book update, once. */
class TwoSidedOnce implements Strategy {
  readonly name = 'two-sided-once';
  readonly symbols = ['BTC'];
  events: string[] = [];
  onBook(symbol: string, context: EngineContext): void {
    if (context.quotingOrders(symbol).length > 0) return;
    const mid = context.book(symbol).midTicks()!;
    for (const [side, price] of [
      ['buy', mid - 5],
      ['sell', mid + 5],
    ] as const) {
      context.send({
        type: 'place-order',
        symbol,
        clientOrderId: context.nextClientOrderId(),
        side,
        priceTicks: Math.round(price),
        sizeLots: 10,
        timeInForce: 'post-only',
        reduceOnly: false,
      });
    }
  }
  onOrderEvent(event: ExecutionEvent): void {
    this.events.push(event.type);
  }
}

function setup(riskOverrides: Record<string, unknown> = {}) {
  const clock = new ManualClock(1_000_000);
  const venue = new RecordingVenue();
  const strategy = new TwoSidedOnce();
  const risk = new RiskManager({ capitalUsd: 10_000, ...riskOverrides });
  const engine = new Engine({ clock, venue, instruments: [btc], strategy, risk, clientOrderIds: new ClientOrderIdSequence(1) });
  engine.start();
  return { clock, venue, strategy, engine };
}

const book = (bid: number, ask: number) => ({
  type: 'book-snapshot' as const,
  symbol: 'BTC',
  venueTimeUs: 0,
  localTimeUs: 0,
  bids: [{ priceTicks: bid, sizeLots: 1000 }],
  asks: [{ priceTicks: ask, sizeLots: 1000 }],
});

describe('Engine', () => {
  it('batches the commands of one handler and tracks them as in flight', () => {
    const { venue, engine } = setup();
    engine.onMarketData(book(50_000, 50_002));
    expect(venue.batches).toHaveLength(1);
    expect(venue.batches[0]!.map((command) => command.type)).toEqual(['place-order', 'place-order']);
    expect(engine.orders.liveCount).toBe(2);
    engine.onMarketData(book(50_000, 50_002)); // in-flight orders count as quoting: no duplicates
    expect(venue.batches).toHaveLength(1);
  });

  it('applies fills to the position before the strategy sees them', () => {
    const { venue, strategy, engine, clock } = setup();
    engine.onMarketData(book(50_000, 50_002));
    const bid = venue.batches[0]![0]! as Extract<OrderCommand, { type: 'place-order' }>;
    clock.advance(1_000);
    venue.emit({
      type: 'order-accepted',
      symbol: 'BTC',
      clientOrderId: bid.clientOrderId,
      venueOrderId: '1',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    venue.emit({
      type: 'order-filled',
      symbol: 'BTC',
      clientOrderId: bid.clientOrderId,
      fillId: 'f1',
      side: 'buy',
      priceTicks: bid.priceTicks,
      sizeLots: 4,
      remainingLots: 6,
      liquidity: 'maker',
      feeQuote: -0.03,
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    expect(strategy.events).toEqual(['order-accepted', 'order-filled']);
    expect(engine.slot('BTC').position.positionLots).toBe(4);
    expect(engine.orders.get(bid.clientOrderId)!.restingLots).toBe(6);
  });

  it('fails closed on an event for an order it never sent', () => {
    const { venue, engine } = setup();
    engine.onMarketData(book(50_000, 50_002));
    venue.emit({ type: 'order-canceled', symbol: 'BTC', clientOrderId: '0xdead', reason: 'x', venueTimeUs: 0, localTimeUs: 0 });
    expect(engine.failClosedReason).toContain('never sent');
    expect(venue.batches.at(-1)).toEqual([{ type: 'cancel-all', reason: expect.stringContaining('never sent') }]);
    // New orders are refused from now on.
    venue.emit({
      type: 'order-canceled',
      symbol: 'BTC',
      clientOrderId: (venue.batches[0]![0] as { clientOrderId: string }).clientOrderId,
      reason: 'requested',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    venue.emit({
      type: 'order-canceled',
      symbol: 'BTC',
      clientOrderId: (venue.batches[0]![1] as { clientOrderId: string }).clientOrderId,
      reason: 'requested',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    const before = venue.batches.length;
    engine.onMarketData(book(50_010, 50_012));
    expect(venue.batches.length).toBe(before);
    expect(engine.stats.commandsDenied).toBe(2);
  });

  it('denies orders through the risk gate and pulls quotes on a halt', () => {
    const { venue, engine, clock } = setup({ maxDailyLossUsd: 1 });
    engine.onMarketData(book(50_000, 50_002));
    const [bid] = venue.batches[0]! as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    venue.emit({
      type: 'order-accepted',
      symbol: 'BTC',
      clientOrderId: bid!.clientOrderId,
      venueOrderId: '1',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    venue.emit({
      type: 'order-filled',
      symbol: 'BTC',
      clientOrderId: bid!.clientOrderId,
      fillId: 'f1',
      side: 'buy',
      priceTicks: bid!.priceTicks,
      sizeLots: 10,
      remainingLots: 0,
      liquidity: 'maker',
      feeQuote: 0,
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    clock.advance(1_000_000); // the engine feeds market data to risk once a second
    engine.onMarketData(book(49_800, 49_802)); // long 0.01 BTC, down ~$2: daily loss limit of $1 hit
    expect(engine.riskDecision.status).toBe('HALT');
    const cancels = venue.batches.flat().filter((command) => command.type === 'cancel-order');
    expect(cancels.length).toBeGreaterThanOrEqual(1);
  });

  it('delivers timers in time order through the same dispatch', () => {
    const { engine, clock } = setup();
    const fired: string[] = [];
    const strategy = engine.strategy as TwoSidedOnce & { onTimer?: unknown };
    (strategy as { onTimer: (timer: { name: string }) => void }).onTimer = (timer) => fired.push(timer.name);
    const context = (engine as unknown as { context: EngineContext }).context;
    context.scheduleTimer('b', 2_000_000);
    context.scheduleTimer('a', 1_500_000);
    context.scheduleTimer('c', 3_000_000);
    context.cancelTimer('c');
    expect(engine.nextTimerUs()).toBe(1_500_000);
    clock.set(2_500_000);
    engine.fireDueTimers();
    expect(fired).toEqual(['a', 'b']);
    expect(engine.nextTimerUs()).toBe(Number.POSITIVE_INFINITY);
  });

  it('fails closed when the strategy throws: quotes cancelled, the symbol stops quoting, the reason is kept', () => {
    const { venue, strategy, engine } = setup();
    engine.onMarketData(book(50_000, 50_002));
    const [bid, ask] = venue.batches[0]! as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    for (const order of [bid!, ask!]) {
      venue.emit({
        type: 'order-accepted',
        symbol: 'BTC',
        clientOrderId: order.clientOrderId,
        venueOrderId: order.clientOrderId,
        venueTimeUs: 0,
        localTimeUs: 0,
      });
    }
    // The strategy sends a new quote and then throws in the same handler.
    const throwing = strategy as TwoSidedOnce & { onBook: Strategy['onBook'] };
    throwing.onBook = (symbol, context) => {
      context.send({
        type: 'place-order',
        symbol,
        clientOrderId: context.nextClientOrderId(),
        side: 'buy',
        priceTicks: 49_990,
        sizeLots: 10,
        timeInForce: 'post-only',
        reduceOnly: false,
      });
      throw new Error('ladder index out of range');
    };
    expect(() => engine.onMarketData(book(50_001, 50_003))).not.toThrow();
    // Only the cancel left: the place queued before the throw was dropped, not sent ahead of it.
    expect(venue.batches.at(-1)).toEqual([
      { type: 'cancel-all', symbol: 'BTC', reason: expect.stringContaining('ladder index out of range') },
    ]);
    expect(engine.orders.liveOrders('BTC').map((order) => order.status)).toEqual(['pending-cancel', 'pending-cancel']);
    expect(engine.failures).toMatchObject([{ symbol: 'BTC', handler: 'onBook' }]);
    expect(engine.quotingBlockedReason('BTC')).toContain('two-sided-once.onBook threw: ladder index out of range');
    // Quoting stays stopped: a strategy that recovers is still refused.
    throwing.onBook = TwoSidedOnce.prototype.onBook;
    for (const order of [bid!, ask!])
      venue.emit({
        type: 'order-canceled',
        symbol: 'BTC',
        clientOrderId: order.clientOrderId,
        reason: 'requested',
        venueTimeUs: 0,
        localTimeUs: 0,
      });
    const before = venue.batches.length;
    engine.onMarketData(book(50_010, 50_012));
    expect(venue.batches.length).toBe(before);
    expect(engine.stats.commandsDenied).toBe(2);
  });

  it('still cancels on stop() after a handler threw', () => {
    const { venue, strategy, engine } = setup();
    engine.onMarketData(book(50_000, 50_002));
    (strategy as unknown as { onOrderEvent: () => void }).onOrderEvent = () => {
      throw new Error('boom');
    };
    const [bid] = venue.batches[0]! as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    venue.emit({
      type: 'order-accepted',
      symbol: 'BTC',
      clientOrderId: bid!.clientOrderId,
      venueOrderId: '1',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    expect(engine.failures).toHaveLength(1);
    const onStop = strategy as unknown as { onStop: () => void };
    onStop.onStop = () => {
      throw new Error('stop handler broken too');
    };
    // The symbol's cancel-all is in flight; stop() sends the final one anyway (every live order).
    engine.stop('shutdown');
    expect(venue.batches.at(-1)).toEqual([{ type: 'cancel-all', reason: 'shutdown' }]);
  });

  it('a handler without a symbol (a timer) that throws stops every symbol', () => {
    const { venue, engine, clock } = setup();
    engine.onMarketData(book(50_000, 50_002));
    const strategy = engine.strategy as TwoSidedOnce & { onTimer?: unknown };
    (strategy as { onTimer: () => void }).onTimer = () => {
      throw new TypeError('undefined is not a function');
    };
    (engine as unknown as { context: EngineContext }).context.scheduleTimer('requote', 1_500_000);
    clock.set(2_000_000);
    expect(() => engine.fireDueTimers()).not.toThrow();
    expect(engine.failClosedReason).toContain('onTimer threw: undefined is not a function; stopped quoting every symbol');
    expect(venue.batches.at(-1)).toEqual([{ type: 'cancel-all', reason: expect.stringContaining('onTimer threw') }]);
  });

  it('a pause (stale feed) cancels the symbol and denies new quotes until it is resumed', () => {
    const { venue, engine } = setup();
    engine.onMarketData(book(50_000, 50_002));
    engine.pauseQuoting('BTC', 'stale-feed', 'BTC book silent for 70 s');
    expect(venue.batches.at(-1)).toEqual([{ type: 'cancel-all', symbol: 'BTC', reason: 'BTC book silent for 70 s' }]);
    for (const command of venue.batches[0]!) {
      venue.emit({
        type: 'order-canceled',
        symbol: 'BTC',
        clientOrderId: (command as { clientOrderId: string }).clientOrderId,
        reason: 'requested',
        venueTimeUs: 0,
        localTimeUs: 0,
      });
    }
    const before = venue.batches.length;
    engine.onMarketData(book(50_000, 50_002));
    expect(venue.batches.length).toBe(before);
    expect(engine.quotingPauses).toEqual([{ symbol: 'BTC', cause: 'stale-feed', reason: 'BTC book silent for 70 s' }]);
    engine.resumeQuoting('BTC', 'stale-feed');
    engine.onMarketData(book(50_000, 50_002));
    expect(venue.batches.at(-1)!.map((command) => command.type)).toEqual(['place-order', 'place-order']);
  });

  it('reconciles from reports: missed fills booked once, unknown orders cancelled, vanished orders closed, positions checked', () => {
    const { venue, engine, strategy } = setup();
    engine.onMarketData(book(50_000, 50_002));
    const [bid, ask] = venue.batches[0]! as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    for (const order of [bid!, ask!])
      venue.emit({
        type: 'order-accepted',
        symbol: 'BTC',
        clientOrderId: order.clientOrderId,
        venueOrderId: order.clientOrderId,
        venueTimeUs: 0,
        localTimeUs: 0,
      });
    const missedFill = {
      type: 'order-filled' as const,
      symbol: 'BTC',
      clientOrderId: bid!.clientOrderId,
      fillId: 'tid-7',
      side: 'buy' as const,
      priceTicks: bid!.priceTicks,
      sizeLots: 10,
      remainingLots: 0,
      liquidity: 'maker' as const,
      feeQuote: -0.01,
      venueTimeUs: 5,
      localTimeUs: 5,
    };
    const earlierSessionFill = { ...missedFill, clientOrderId: '0xearlier', fillId: 'tid-3', side: 'sell' as const, sizeLots: 4 };
    const reports: ExecutionReports = {
      fills: [earlierSessionFill, missedFill],
      // The ask vanished while we were away; an order we never sent rests.
      openOrders: [{ clientOrderId: '0xstranger', symbol: 'BTC', side: 'buy', priceTicks: 49_000, sizeLots: 3, venueOrderId: '99' }],
      positions: [{ symbol: 'BTC', positionLots: 6 }],
      asOfUs: 10,
    };
    const outcome = engine.applyReports(reports);
    expect(outcome.missedFills.map((fill) => fill.fillId)).toEqual(['tid-3', 'tid-7']);
    expect(outcome.cancelled).toEqual(['0xstranger']);
    expect(outcome.vanished).toEqual([ask!.clientOrderId]);
    expect(outcome.positionMismatches).toEqual([]);
    expect(engine.slot('BTC').position.positionLots).toBe(6);
    expect(venue.batches.at(-1)).toEqual([{ type: 'cancel-order', symbol: 'BTC', clientOrderId: '0xstranger' }]);
    expect(strategy.events).toEqual(['order-accepted', 'order-accepted', 'order-filled', 'order-canceled']);
    // The same reports again change nothing: every fill is booked exactly once.
    const again = engine.applyReports({ ...reports, openOrders: [] });
    expect(again.missedFills).toEqual([]);
    expect(engine.slot('BTC').position.positionLots).toBe(6);
    expect(engine.failClosedReason).toBeUndefined();
  });

  it('a reconciled position that differs from the venue stops that symbol', () => {
    const { engine } = setup();
    const outcome = engine.applyReports({ fills: [], openOrders: [], positions: [{ symbol: 'BTC', positionLots: 25 }], asOfUs: 0 });
    expect(outcome.positionMismatches).toEqual([{ symbol: 'BTC', engineLots: 0, venueLots: 25 }]);
    expect(engine.quotingBlockedReason('BTC')).toContain('25 lots at the venue');
  });

  it("with adoptVenuePositions a differing position becomes the venue's (at its entry), reported by its own hook, not as a venue event", () => {
    const clock = new ManualClock(1_000_000);
    const executionEvents: string[] = [];
    const adjusted: Array<{ side: string; sizeLots: number; priceTicks: number; engineLots: number; venueLots: number }> = [];
    const engine = new Engine({
      clock,
      venue: new RecordingVenue(),
      instruments: [btc],
      strategy: new TwoSidedOnce(),
      risk: new RiskManager({ capitalUsd: 10_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
      hooks: {
        onExecutionEvent: (event) => executionEvents.push(event.type),
        onPositionAdjusted: (fill, mismatch) =>
          adjusted.push({ side: fill.side, sizeLots: fill.sizeLots, priceTicks: fill.priceTicks, ...mismatch }),
      },
    });
    engine.start();
    const reports = {
      fills: [],
      openOrders: [],
      positions: [{ symbol: 'BTC', positionLots: -25, averageEntryPriceTicks: 50_001 }],
      asOfUs: 0,
    };
    const outcome = engine.applyReports(reports, { adoptVenuePositions: true });
    // 0 here, -25 at the venue: a sell of 25 lots at the venue's entry.
    expect(adjusted).toEqual([{ side: 'sell', sizeLots: 25, priceTicks: 50_001, engineLots: 0, venueLots: -25 }]);
    expect(outcome.positionAdjustments).toHaveLength(1);
    expect(executionEvents).toEqual([]);
    expect(engine.slot('BTC').position.positionLots).toBe(-25);
    expect(engine.quotingBlockedReason('BTC')).toBeUndefined();
  });

  it('adopts unknown resting orders when told to: the strategy then manages them', () => {
    const { engine } = setup();
    const outcome = engine.applyReports(
      {
        fills: [],
        openOrders: [{ clientOrderId: '0xold', symbol: 'BTC', side: 'sell', priceTicks: 50_010, sizeLots: 10, venueOrderId: '5' }],
        positions: [],
        asOfUs: 0,
      },
      { unknownOrders: 'adopt' },
    );
    expect(outcome.adopted).toEqual(['0xold']);
    expect(engine.orders.quotingOrders('BTC')).toEqual([
      { clientOrderId: '0xold', symbol: 'BTC', side: 'sell', priceTicks: 50_010, sizeLots: 10, venueOrderId: '5' },
    ]);
  });

  it('resumes positions from journaled fills and expects late events of carried orders', () => {
    const clock = new ManualClock(1_000_000);
    const venue = new RecordingVenue();
    const journaled = {
      type: 'order-filled' as const,
      symbol: 'BTC',
      clientOrderId: '0xold',
      fillId: 'tid-1',
      side: 'buy' as const,
      priceTicks: 50_000,
      sizeLots: 7,
      remainingLots: 3,
      liquidity: 'maker' as const,
      feeQuote: 0,
      venueTimeUs: 0,
      localTimeUs: 0,
    };
    const engine = new Engine({
      clock,
      venue,
      instruments: [btc],
      strategy: new TwoSidedOnce(),
      risk: new RiskManager({ capitalUsd: 10_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
      resumedFills: [{ fill: journaled }],
      carriedOrders: [{ clientOrderId: '0xold', symbol: 'BTC', side: 'buy', priceTicks: 50_000, sizeLots: 3 }],
    });
    expect(engine.slot('BTC').position.positionLots).toBe(7);
    // The journaled fill reported again is not counted twice; the carried order's late fill is.
    venue.emit(journaled);
    venue.emit({ ...journaled, fillId: 'tid-2', sizeLots: 3, remainingLots: 0 });
    expect(engine.slot('BTC').position.positionLots).toBe(10);
    expect(engine.failClosedReason).toBeUndefined();
  });

  it('decides carried orders at the start-up reconcile by the unknown-order policy, as a reconnect does', () => {
    const carried = [
      { clientOrderId: '0xa', symbol: 'BTC', side: 'buy' as const, priceTicks: 49_990, sizeLots: 3 },
      { clientOrderId: '0xb', symbol: 'BTC', side: 'sell' as const, priceTicks: 50_010, sizeLots: 3 },
      { clientOrderId: '0xc', symbol: 'BTC', side: 'sell' as const, priceTicks: 50_020, sizeLots: 3 },
    ];
    const make = () => {
      const venue = new RecordingVenue();
      const engine = new Engine({
        clock: new ManualClock(1_000_000),
        venue,
        instruments: [btc],
        strategy: new TwoSidedOnce(),
        risk: new RiskManager({ capitalUsd: 10_000 }),
        clientOrderIds: new ClientOrderIdSequence(1),
        carriedOrders: carried,
      });
      return { venue, engine };
    };
    // 0xa and 0xb still rest; 0xc went while the bot was down.
    const reports: ExecutionReports = { fills: [], openOrders: carried.slice(0, 2), positions: [], asOfUs: 5 };
    const cancelling = make();
    // Nothing is sent before the reconcile decides (no blanket cancel-all at start).
    expect(cancelling.venue.batches).toEqual([]);
    const outcome = cancelling.engine.applyReports(reports);
    expect(outcome.cancelled).toEqual(['0xa', '0xb']);
    expect(outcome.vanished).toEqual(['0xc']);
    expect(cancelling.venue.batches).toEqual([
      [
        { type: 'cancel-order', symbol: 'BTC', clientOrderId: '0xa' },
        { type: 'cancel-order', symbol: 'BTC', clientOrderId: '0xb' },
      ],
    ]);
    // A later reconcile that still sees them does not decide again (their cancels are in flight).
    expect(cancelling.engine.applyReports(reports).cancelled).toEqual([]);

    const adopting = make();
    const adopted = adopting.engine.applyReports(reports, { unknownOrders: 'adopt' });
    expect(adopted.adopted).toEqual(['0xa', '0xb']);
    expect(adopting.venue.batches).toEqual([]);
    expect(adopting.engine.orders.quotingOrders('BTC').map((order) => order.clientOrderId)).toEqual(['0xa', '0xb']);
  });

  it('refuses new orders once stopped', () => {
    const { venue, engine } = setup();
    engine.stop('done');
    engine.onMarketData(book(50_000, 50_002));
    expect(venue.batches).toEqual([]);
    expect(engine.stats.commandsDenied).toBe(2);
  });

  it('feeds the risk manager volatility rule from the mids: a burst of volatility pulls the quotes', () => {
    const clock = new ManualClock(1_000_000);
    const venue = new RecordingVenue();
    const engine = new Engine({
      clock,
      venue,
      instruments: [btc],
      strategy: new TwoSidedOnce(),
      risk: new RiskManager({ capitalUsd: 10_000 }),
      clientOrderIds: new ClientOrderIdSequence(1),
      volatility: { sampleIntervalUs: 1_000_000, currentHalfLifeSamples: 1, normalHalfLifeSamples: 500, warmUpSamples: 10 },
    });
    engine.start();
    // Calm minutes: the mid steps 1 tick (~0.2 bp) back and forth every second.
    for (let second = 0; second < 200; second += 1) {
      clock.advance(1_000_000);
      const mid = 50_000 + (second % 2);
      engine.onMarketData(book(mid - 1, mid + 1));
    }
    expect(engine.riskDecision.firedRules.map((rule) => rule.ruleId)).not.toContain('volatility');
    // Then 50 ticks (10 bp) back and forth: current volatility ≫ 3 × normal.
    for (let second = 0; second < 5; second += 1) {
      clock.advance(1_000_000);
      const mid = 50_000 + ((second + 1) % 2) * 50;
      engine.onMarketData(book(mid - 1, mid + 1));
    }
    expect(engine.riskDecision.firedRules.map((rule) => rule.ruleId)).toContain('volatility');
    expect(venue.batches.flat().some((command) => command.type === 'cancel-order')).toBe(true);
  });
});

describe('Engine: the risk gate pulls what a decision no longer allows', () => {
  /** Quotes 10 lots a side, both acked; the bid then fills 9 lots: long 0.009 BTC ($450 at 50,001). */
  function longWithBothSidesResting() {
    const world = setup({ maxPositionUsdPerAsset: 400 });
    const { venue, engine, clock } = world;
    engine.onMarketData(book(50_000, 50_002));
    const [bid, ask] = venue.batches[0]! as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    venue.emit({
      type: 'order-accepted',
      symbol: 'BTC',
      clientOrderId: bid!.clientOrderId,
      venueOrderId: '1',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    venue.emit({
      type: 'order-accepted',
      symbol: 'BTC',
      clientOrderId: ask!.clientOrderId,
      venueOrderId: '2',
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    venue.emit({
      type: 'order-filled',
      symbol: 'BTC',
      clientOrderId: bid!.clientOrderId,
      fillId: 'f1',
      side: 'buy',
      priceTicks: bid!.priceTicks,
      sizeLots: 9,
      remainingLots: 1,
      liquidity: 'maker',
      feeQuote: 0,
      venueTimeUs: 0,
      localTimeUs: 0,
    });
    clock.advance(1_000_000); // the engine feeds positions to risk once a second
    engine.onMarketData(book(50_000, 50_002));
    return { ...world, bid: bid!, ask: ask! };
  }

  const cancelsOf = (batches: OrderCommand[][]) =>
    batches.flat().filter((command): command is Extract<OrderCommand, { type: 'cancel-order' }> => command.type === 'cancel-order');

  it('a long position over the per-asset limit pulls the bid and leaves the ask that reduces it', () => {
    const { venue, engine, bid } = longWithBothSidesResting();
    expect(engine.riskDecision.symbols.find((entry) => entry.symbol === 'BTC')).toMatchObject({ bidPaused: true, askPaused: false });
    expect(cancelsOf(venue.batches).map((command) => command.clientOrderId)).toEqual([bid.clientOrderId]);
    expect(engine.stats.riskCancels).toBe(1);
  });

  it('does not cancel again an order whose cancel is still in flight', () => {
    const { venue, engine, clock } = longWithBothSidesResting();
    for (let second = 0; second < 3; second += 1) {
      clock.advance(1_000_000);
      engine.onMarketData(book(50_000, 50_002));
    }
    expect(cancelsOf(venue.batches)).toHaveLength(1);
    expect(engine.stats.riskCancels).toBe(1);
  });
});
