import { describe, expect, it } from 'vitest';
import {
  ClientOrderIdSequence,
  Instrument,
  ManualClock,
  type AccountSnapshot,
  type ExecutionEvent,
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
}

/** Quotes one bid and one ask 5 ticks around the mid on every book update, once. */
class TwoSidedOnce implements Strategy {
  readonly name = 'two-sided-once';
  readonly symbols = ['BTC'];
  events: string[] = [];
  onBook(symbol: string, context: EngineContext): void {
    if (context.quotingOrders(symbol).length > 0) return;
    const mid = context.book(symbol).midTicks()!;
    for (const [side, price] of [['buy', mid - 5], ['sell', mid + 5]] as const) {
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
    venue.emit({ type: 'order-accepted', symbol: 'BTC', clientOrderId: bid.clientOrderId, venueOrderId: '1', venueTimeUs: 0, localTimeUs: 0 });
    venue.emit({
      type: 'order-filled', symbol: 'BTC', clientOrderId: bid.clientOrderId, fillId: 'f1', side: 'buy',
      priceTicks: bid.priceTicks, sizeLots: 4, remainingLots: 6, liquidity: 'maker', feeQuote: -0.03,
      venueTimeUs: 0, localTimeUs: 0,
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
    venue.emit({ type: 'order-canceled', symbol: 'BTC', clientOrderId: (venue.batches[0]![0] as { clientOrderId: string }).clientOrderId, reason: 'requested', venueTimeUs: 0, localTimeUs: 0 });
    venue.emit({ type: 'order-canceled', symbol: 'BTC', clientOrderId: (venue.batches[0]![1] as { clientOrderId: string }).clientOrderId, reason: 'requested', venueTimeUs: 0, localTimeUs: 0 });
    const before = venue.batches.length;
    engine.onMarketData(book(50_010, 50_012));
    expect(venue.batches.length).toBe(before);
    expect(engine.stats.commandsDenied).toBe(2);
  });

  it('denies orders through the risk gate and pulls quotes on a halt', () => {
    const { venue, engine, clock } = setup({ maxDailyLossUsd: 1 });
    engine.onMarketData(book(50_000, 50_002));
    const [bid] = venue.batches[0]! as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    venue.emit({ type: 'order-accepted', symbol: 'BTC', clientOrderId: bid!.clientOrderId, venueOrderId: '1', venueTimeUs: 0, localTimeUs: 0 });
    venue.emit({
      type: 'order-filled', symbol: 'BTC', clientOrderId: bid!.clientOrderId, fillId: 'f1', side: 'buy',
      priceTicks: bid!.priceTicks, sizeLots: 10, remainingLots: 0, liquidity: 'maker', feeQuote: 0,
      venueTimeUs: 0, localTimeUs: 0,
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
});

describe('Engine: the risk gate pulls what a decision no longer allows', () => {
  /** Quotes 10 lots a side, both acked; the bid then fills 9 lots: long 0.009 BTC ($450 at 50,001). */
  function longWithBothSidesResting() {
    const world = setup({ maxPositionUsdPerAsset: 400 });
    const { venue, engine, clock } = world;
    engine.onMarketData(book(50_000, 50_002));
    const [bid, ask] = venue.batches[0]! as Array<Extract<OrderCommand, { type: 'place-order' }>>;
    venue.emit({ type: 'order-accepted', symbol: 'BTC', clientOrderId: bid!.clientOrderId, venueOrderId: '1', venueTimeUs: 0, localTimeUs: 0 });
    venue.emit({ type: 'order-accepted', symbol: 'BTC', clientOrderId: ask!.clientOrderId, venueOrderId: '2', venueTimeUs: 0, localTimeUs: 0 });
    venue.emit({
      type: 'order-filled', symbol: 'BTC', clientOrderId: bid!.clientOrderId, fillId: 'f1', side: 'buy',
      priceTicks: bid!.priceTicks, sizeLots: 9, remainingLots: 1, liquidity: 'maker', feeQuote: 0,
      venueTimeUs: 0, localTimeUs: 0,
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
