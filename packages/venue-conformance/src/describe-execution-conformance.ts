import { afterEach, describe, expect, it } from 'vitest';
import { ClientOrderIdSequence, type ExecutionEvent, type OrderCommand, type Side } from '@mm/core';
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
      return { type: 'place-order', symbol, clientOrderId: ids.nextId(), side, priceTicks, sizeLots, timeInForce: 'post-only', reduceOnly: false };
    }

    /** A resting-size order one grid step behind the touch on `side` (never crosses). */
    async function passiveOrder(h: ConformanceHarness, side: Side) {
      const { bidTicks, askTicks } = await h.bestBidAsk();
      const instrument = h.instrument;
      const price = side === 'buy' ? instrument.roundPriceTicks(bidTicks - instrument.priceStepTicksAt(bidTicks), 'down') : instrument.roundPriceTicks(askTicks + instrument.priceStepTicksAt(askTicks), 'up');
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
      const filledLots = log.events.filter((event) => event.type === 'order-filled' && event.clientOrderId === order.clientOrderId).reduce((sum, event) => sum + (event as { sizeLots: number }).sizeLots, 0);
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
      h.venue.send([{ type: 'modify-order', symbol: order.symbol, clientOrderId: order.clientOrderId, priceTicks: newPrice, sizeLots: order.sizeLots }]);
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
