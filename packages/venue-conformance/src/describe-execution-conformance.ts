import { afterEach, describe, expect, it } from 'vitest';
import { ClientOrderIdSequence, ManualClock, type BookSnapshotEvent, type ExecutionEvent, type OrderCommand, type Side } from '@mm/core';
import { Engine, LiveDriver, type EngineContext, type Strategy } from '@mm/engine';
import { RiskManager } from '@mm/risk';
import type { ConformanceHarness, HarnessFactory } from './conformance-harness.js';

const POST_ONLY_REJECT = /^Post only order would have immediately matched, bbo was \S+@\S+\. asset=\d+$/;
const UNKNOWN_ORDER = /^Order was never placed, already canceled, or filled\./;

/** Events of one venue, with a way to wait for the one a check expects. */
class EventLog {
  readonly events: ExecutionEvent[] = [];

  constructor(private readonly harness: ConformanceHarness) {
    harness.venue.onEvent((event) => this.events.push(event));
  }

  async waitFor<Type extends ExecutionEvent['type']>(
    type: Type,
    clientOrderId: string,
    attempts = 50,
  ): Promise<Extract<ExecutionEvent, { type: Type }>> {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const found = this.events.find((event) => event.type === type && 'clientOrderId' in event && event.clientOrderId === clientOrderId);
      if (found !== undefined) return found as Extract<ExecutionEvent, { type: Type }>;
      await this.harness.settle();
    }
    const seen = this.events.map((event) => `${event.type}${'clientOrderId' in event ? ` ${event.clientOrderId}` : ''}`).join(', ');
    throw new Error(`${this.harness.name}: no ${type} for ${clientOrderId} (saw: ${seen || 'nothing'})`);
  }
}

/**
 * Keeps one post-only bid a grid step behind the touch while it has none; `throwOnBook` makes its
 * next book handler throw (a strategy bug in production).
 */
class OneBidStrategy implements Strategy {
  readonly name = 'conformance-one-bid';
  readonly symbols: readonly string[];
  throwOnBook = false;

  constructor(symbol: string) {
    this.symbols = [symbol];
  }

  onBook(symbol: string, context: EngineContext): void {
    if (this.throwOnBook) throw new RangeError('ladder level 3 of 3 does not exist');
    if (context.quotingOrders(symbol).length > 0) return;
    const instrument = context.instrument(symbol);
    const bid = context.book(symbol).bestBidTicks()!;
    const price = instrument.roundPriceTicks(bid - instrument.priceStepTicksAt(bid), 'down');
    context.send({
      type: 'place-order',
      symbol,
      clientOrderId: context.nextClientOrderId(),
      side: 'buy',
      priceTicks: price,
      sizeLots: instrument.minLotsAt(price) * 2,
      timeInForce: 'post-only',
      reduceOnly: false,
    });
  }
}

/**
 * The one conformance suite (submit → ack → fill, post-only cross → rejected with the venue's
 * message, modify, cancel unknown, cancel-all, reconnect → reconcile). Every execution venue runs
 * it: the simulated exchange, and each adapter against its loopback venue.
 */
export function describeExecutionConformance(name: string, createHarness: HarnessFactory): void {
  describe(`execution conformance: ${name}`, () => {
    let harness: ConformanceHarness | undefined;
    const ids = new ClientOrderIdSequence(4_242);

    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    async function start() {
      harness = await createHarness();
      return { harness, log: new EventLog(harness) };
    }

    function place(symbol: string, side: Side, priceTicks: number, sizeLots: number): Extract<OrderCommand, { type: 'place-order' }> {
      return {
        type: 'place-order',
        symbol,
        clientOrderId: ids.nextId(),
        side,
        priceTicks,
        sizeLots,
        timeInForce: 'post-only',
        reduceOnly: false,
      };
    }

    /** A resting-size order one grid step behind the touch on `side` (never crosses). */
    async function passiveOrder(h: ConformanceHarness, side: Side) {
      const { bidTicks, askTicks } = await h.bestBidAsk();
      const instrument = h.instrument;
      const price =
        side === 'buy'
          ? instrument.roundPriceTicks(bidTicks - instrument.priceStepTicksAt(bidTicks), 'down')
          : instrument.roundPriceTicks(askTicks + instrument.priceStepTicksAt(askTicks), 'up');
      return place(instrument.symbol, side, price, instrument.minLotsAt(price) * 2);
    }

    it('submit → ack → fill', async () => {
      const { harness: h, log } = await start();
      const order = await passiveOrder(h, 'buy');
      h.venue.send([order]);
      const ack = await log.waitFor('order-accepted', order.clientOrderId);
      expect(ack.venueOrderId).not.toBe('');
      await h.tradeThrough('sell', order.priceTicks - h.instrument.priceStepTicksAt(order.priceTicks), order.sizeLots * 1_000);
      const fill = await log.waitFor('order-filled', order.clientOrderId);
      expect(fill).toMatchObject({ side: 'buy', priceTicks: order.priceTicks, liquidity: 'maker' });
      const filledLots = log.events
        .filter((event) => event.type === 'order-filled' && event.clientOrderId === order.clientOrderId)
        .reduce((sum, event) => sum + (event as { sizeLots: number }).sizeLots, 0);
      expect(filledLots).toBe(order.sizeLots);
      const account = await h.venue.reconcile();
      expect(account.positions[h.instrument.symbol]).toBe(order.sizeLots);
      expect(account.openOrders.filter((open) => open.clientOrderId === order.clientOrderId)).toEqual([]);
    });

    it('post-only order that would cross → rejected with the venue message', async () => {
      const { harness: h, log } = await start();
      const { askTicks } = await h.bestBidAsk();
      const order = place(h.instrument.symbol, 'buy', askTicks, h.instrument.minLotsAt(askTicks) * 2);
      h.venue.send([order]);
      const reject = await log.waitFor('order-rejected', order.clientOrderId);
      expect(reject.reason).toMatch(POST_ONLY_REJECT);
      expect((await h.venue.reconcile()).openOrders).toEqual([]);
    });

    it('modify moves a resting order', async () => {
      const { harness: h, log } = await start();
      const order = await passiveOrder(h, 'sell');
      h.venue.send([order]);
      await log.waitFor('order-accepted', order.clientOrderId);
      const newPrice = h.instrument.roundPriceTicks(order.priceTicks + 5 * h.instrument.priceStepTicksAt(order.priceTicks), 'up');
      h.venue.send([
        { type: 'modify-order', symbol: order.symbol, clientOrderId: order.clientOrderId, priceTicks: newPrice, sizeLots: order.sizeLots },
      ]);
      const modified = await log.waitFor('order-modified', order.clientOrderId);
      expect(modified).toMatchObject({ priceTicks: newPrice, sizeLots: order.sizeLots });
      const resting = (await h.venue.reconcile()).openOrders.find((open) => open.clientOrderId === order.clientOrderId);
      expect(resting).toMatchObject({ priceTicks: newPrice, sizeLots: order.sizeLots, side: 'sell' });
    });

    it('cancel of an unknown order → rejected with the venue message', async () => {
      const { harness: h, log } = await start();
      const unknown = ids.nextId();
      h.venue.send([{ type: 'cancel-order', symbol: h.instrument.symbol, clientOrderId: unknown }]);
      const reject = await log.waitFor('command-rejected', unknown);
      expect(reject.command).toBe('cancel-order');
      expect(reject.reason).toMatch(UNKNOWN_ORDER);
    });

    it('cancel-all leaves nothing resting', async () => {
      const { harness: h, log } = await start();
      const bid = await passiveOrder(h, 'buy');
      const ask = await passiveOrder(h, 'sell');
      h.venue.send([bid, ask]);
      await log.waitFor('order-accepted', bid.clientOrderId);
      await log.waitFor('order-accepted', ask.clientOrderId);
      expect((await h.venue.reconcile()).openOrders).toHaveLength(2);
      h.venue.send([{ type: 'cancel-all', reason: 'conformance' }]);
      await log.waitFor('order-canceled', bid.clientOrderId);
      await log.waitFor('order-canceled', ask.clientOrderId);
      expect((await h.venue.reconcile()).openOrders).toEqual([]);
    });

    /** The venue's touch as the engine's book (one level a side). */
    async function bookEvent(h: ConformanceHarness): Promise<BookSnapshotEvent> {
      const { bidTicks, askTicks } = await h.bestBidAsk();
      return {
        type: 'book-snapshot',
        symbol: h.instrument.symbol,
        venueTimeUs: 0,
        localTimeUs: 0,
        bids: [{ priceTicks: bidTicks, sizeLots: 1_000_000 }],
        asks: [{ priceTicks: askTicks, sizeLots: 1_000_000 }],
      };
    }

    async function until(h: ConformanceHarness, what: string, condition: () => boolean | Promise<boolean>, attempts = 100): Promise<void> {
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        if (await condition()) return;
        await h.settle();
      }
      throw new Error(`${h.name}: ${what} did not happen`);
    }

    it('strategy throws → its quotes are cancelled and the reason is reported', async () => {
      const { harness: h, log } = await start();
      const strategy = new OneBidStrategy(h.instrument.symbol);
      const failures: string[] = [];
      const engine = new Engine({
        clock: new ManualClock(0),
        venue: h.venue,
        instruments: [h.instrument],
        strategy,
        risk: new RiskManager({ capitalUsd: 100_000 }),
        clientOrderIds: new ClientOrderIdSequence(7_001),
        hooks: { onHandlerError: (failure) => failures.push(failure.reason) },
      });
      engine.start();
      engine.onMarketData(await bookEvent(h));
      const [bid] = engine.orders.liveOrders();
      await log.waitFor('order-accepted', bid!.clientOrderId);
      strategy.throwOnBook = true;
      const next = await bookEvent(h);
      expect(() => engine.onMarketData(next)).not.toThrow();
      await log.waitFor('order-canceled', bid!.clientOrderId);
      expect(failures).toEqual([expect.stringContaining('conformance-one-bid.onBook threw: ladder level 3 of 3 does not exist')]);
      expect(engine.quotingBlockedReason(h.instrument.symbol)).toBe(failures[0]);
      expect((await h.venue.reports({ fillsSinceUs: 0 })).openOrders).toEqual([]);
      // It stays stopped: a book that would requote sends nothing.
      strategy.throwOnBook = false;
      engine.onMarketData(await bookEvent(h));
      expect(engine.orders.liveOrders()).toEqual([]);
    });

    it('reconnect with a fill and an unknown order made while away → reconciled before the next quote', async () => {
      const { harness: h, log } = await start();
      const symbol = h.instrument.symbol;
      const timeline: string[] = [];
      const strategy = new OneBidStrategy(symbol);
      const engine = new Engine({
        clock: new ManualClock(0),
        venue: h.venue,
        instruments: [h.instrument],
        strategy,
        risk: new RiskManager({ capitalUsd: 100_000 }),
        clientOrderIds: new ClientOrderIdSequence(8_001),
        venueEvents: 'driver',
        hooks: { onCommandsSent: (commands) => commands.forEach((command) => timeline.push(command.type)) },
      });
      const driver = new LiveDriver(engine, undefined, { fillsSinceUs: 0, onReconciled: () => timeline.push('reconciled') });
      let connected = true;
      h.venue.onEvent((event) => {
        if (connected) driver.pushExecution(event);
      });
      driver.start();
      await until(h, 'the start-up reconcile', () => !driver.reconcilePending);
      driver.pushMarketData(await bookEvent(h));
      await until(h, 'the first quote', () => engine.orders.liveOrders().length === 1);
      const [bid] = engine.orders.liveOrders();
      await until(h, 'its ack', () => engine.orders.get(bid!.clientOrderId)!.status === 'open');

      const bidLots = bid!.restingLots;
      const bidPrice = bid!.priceTicks;
      // Away: the engine hears nothing while the bid fills and an order it never sent starts resting.
      connected = false;
      timeline.push('away');
      await h.tradeThrough('sell', bidPrice - h.instrument.priceStepTicksAt(bidPrice), bidLots * 1_000);
      const stranger = await passiveOrder(h, 'buy');
      h.venue.send([stranger]);
      await log.waitFor('order-accepted', stranger.clientOrderId);
      await log.waitFor('order-filled', bid!.clientOrderId);
      if (h.reconnect !== undefined) await h.reconnect();
      connected = true;
      driver.requestReconcile('reconnected');
      driver.pushMarketData(await bookEvent(h));
      await until(h, 'the reconcile', () => !driver.reconcilePending);
      driver.pushMarketData(await bookEvent(h));
      await until(h, 'the next quote', () => timeline.slice(timeline.indexOf('away')).includes('place-order'));
      const afterAway = timeline.slice(timeline.indexOf('away') + 1);
      // Reconciled first (the unknown order's cancel goes out with it), only then a new quote.
      expect(afterAway.indexOf('reconciled')).toBeGreaterThanOrEqual(0);
      expect(afterAway.indexOf('place-order')).toBeGreaterThan(afterAway.indexOf('reconciled'));
      expect(engine.slot(symbol).position.positionLots).toBe(bidLots);
      expect(engine.orders.get(bid!.clientOrderId)!.status).toBe('filled');
      await log.waitFor('order-canceled', stranger.clientOrderId);
      const account = await h.venue.reports({ fillsSinceUs: 0 });
      expect(account.openOrders.map((order) => order.clientOrderId)).not.toContain(stranger.clientOrderId);
      expect(account.positions.find((position) => position.symbol === symbol)?.positionLots).toBe(bidLots);
      // The missed fill was booked once, also when the reports repeat it.
      expect(
        account.fills.filter((fill) => fill.clientOrderId === bid!.clientOrderId).reduce((lots, fill) => lots + fill.sizeLots, 0),
      ).toBe(bidLots);
      driver.stop('conformance over');
    });

    it('reconnect → reconcile shows the venue state', async () => {
      const { harness: h, log } = await start();
      const order = await passiveOrder(h, 'buy');
      h.venue.send([order]);
      await log.waitFor('order-accepted', order.clientOrderId);
      if (h.reconnect !== undefined) await h.reconnect();
      const account = await h.venue.reconcile();
      expect(account.openOrders.map((open) => open.clientOrderId)).toEqual([order.clientOrderId]);
      expect(account.positions[h.instrument.symbol] ?? 0).toBe(0);
    });
  });
}
