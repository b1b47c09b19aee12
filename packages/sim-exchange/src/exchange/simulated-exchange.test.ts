import { describe, expect, it } from 'vitest';
import { Instrument, ManualClock, type ExecutionEvent, type OrderCommand } from '@mm/core';
import { TimedQueue } from '@mm/engine';
import { venueFeeModel } from '../models/fee-model.js';
import { ConstantLatency } from '../models/latency-model.js';
import { ConservativeQueueModel, PowerProbQueueModel, type QueueModel } from '../models/queue-model.js';
import { REJECT_MESSAGES, SimulatedExchange } from './simulated-exchange.js';

const btc = Instrument.hyperliquidPerp('BTC', 5); // tick 0.1, lot 0.00001; at $60,000 prices step by 10 ticks

/** A hand-driven world: a clock, a queue of scheduled actions, and the exchange. */
function world(options: { queue?: QueueModel; entryUs?: number; responseUs?: number } = {}) {
  const clock = new ManualClock(1_000_000);
  const pending = new TimedQueue<() => void>();
  const exchange = new SimulatedExchange({
    instruments: [btc],
    scheduler: { now: () => clock.now(), schedule: (atUs, action) => pending.push(Math.max(atUs, clock.now()), action) },
    latency: new ConstantLatency(options.entryUs ?? 1_000, options.responseUs ?? 2_000),
    queue: options.queue ?? new ConservativeQueueModel(),
    fees: venueFeeModel('hyperliquid'),
    venue: 'hyperliquid',
  });
  const events: ExecutionEvent[] = [];
  exchange.onEvent((event) => events.push(event));
  const runUntil = (timeUs: number) => {
    while (pending.peekTime() <= timeUs) {
      clock.set(Math.max(clock.now(), pending.peekTime()));
      pending.pop()!();
    }
    clock.set(Math.max(clock.now(), timeUs));
  };
  // Book: bids 59,990 × 2 BTC, asks 60,000 × 1 BTC (ticks/lots).
  exchange.applyDepth(0, true, 599_900, 200_000);
  exchange.applyDepth(0, false, 600_000, 100_000);
  return { clock, exchange, events, runUntil };
}

const place = (
  id: string,
  side: 'buy' | 'sell',
  priceTicks: number,
  sizeLots: number,
  timeInForce: 'post-only' | 'gtc' | 'ioc' = 'post-only',
): OrderCommand => ({
  type: 'place-order',
  symbol: 'BTC',
  clientOrderId: id,
  side,
  priceTicks,
  sizeLots,
  timeInForce,
  reduceOnly: false,
});

describe('SimulatedExchange', () => {
  it('reports open orders, fills since a point (the ids of its fill events) and positions', async () => {
    const { exchange, events, runUntil } = world({ entryUs: 1_000, responseUs: 2_000 });
    exchange.send([place('a', 'buy', 599_900, 1_000), place('b', 'sell', 600_100, 2_000)]);
    runUntil(1_100_000);
    exchange.applyTrade(0, false, 599_800, 300_000); // sells through the bid: 'a' fills
    runUntil(1_200_000);
    const fillEvent = events.find((event) => event.type === 'order-filled')!;
    const reports = await exchange.reports({ fillsSinceUs: 0 });
    expect(reports.fills).toEqual([
      expect.objectContaining({
        fillId: (fillEvent as { fillId: string }).fillId,
        clientOrderId: 'a',
        side: 'buy',
        sizeLots: 1_000,
        priceTicks: 599_900,
      }),
    ]);
    expect(reports.openOrders.map((order) => [order.clientOrderId, order.sizeLots])).toEqual([['b', 2_000]]);
    expect(reports.positions).toEqual([{ symbol: 'BTC', positionLots: 1_000 }]);
    expect((await exchange.reports({ fillsSinceUs: fillEvent.venueTimeUs + 1 })).fills).toEqual([]);
  });

  it('delays the ack by entry + response latency', () => {
    const { exchange, events, runUntil } = world({ entryUs: 1_000, responseUs: 2_000 });
    exchange.send([place('a', 'buy', 599_900, 1_000)]);
    runUntil(1_002_999);
    expect(events).toHaveLength(0);
    runUntil(1_003_000);
    expect(events).toMatchObject([{ type: 'order-accepted', clientOrderId: 'a', localTimeUs: 1_003_000, venueTimeUs: 1_001_000 }]);
  });

  it('rejects a post-only order that would cross, with the venue message', () => {
    const { exchange, events, runUntil } = world();
    exchange.send([place('a', 'buy', 600_000, 1_000)]);
    runUntil(2_000_000);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'order-rejected',
        clientOrderId: 'a',
        reason: REJECT_MESSAGES.postOnlyWouldCross('59990', '60000', 0),
      }),
    ]);
    expect((events[0] as { reason: string }).reason).toBe('Post only order would have immediately matched, bbo was 59990@60000. asset=0');
  });

  it('enforces the tick, size and minimum-value rules with the venue strings', () => {
    const { exchange, events, runUntil } = world();
    exchange.send([place('a', 'buy', 599_905, 1_000), place('b', 'buy', 599_900, 10), place('c', 'buy', 599_900, 0)]);
    runUntil(2_000_000);
    expect(events.map((event) => (event as { reason: string }).reason)).toEqual([
      'Price must be divisible by tick size.',
      'Order must have minimum value of $10.',
      'Order has invalid size.',
    ]);
  });

  it('conservative queue: our bid fills only after the size ahead of it trades', () => {
    const { exchange, events, runUntil } = world();
    exchange.send([place('a', 'buy', 599_900, 50_000)]); // 0.5 BTC behind 2 BTC
    runUntil(1_001_000);
    exchange.applyTrade(0, false, 599_900, 150_000); // 1.5 BTC sold into the bid: 0.5 still ahead
    expect(events.filter((event) => event.type === 'order-filled')).toHaveLength(0);
    exchange.applyDepth(0, true, 599_900, 300_000); // more joins behind us: no change
    exchange.applyTrade(0, false, 599_900, 80_000); // 0.8 traded: 0.5 ahead, then 0.3 fills us
    runUntil(2_000_000);
    const fills = events.filter((event) => event.type === 'order-filled');
    expect(fills).toMatchObject([{ clientOrderId: 'a', sizeLots: 30_000, remainingLots: 20_000, liquidity: 'maker', priceTicks: 599_900 }]);
  });

  it('charges the base-tier maker fee on a fill', () => {
    const { exchange, events, runUntil } = world();
    exchange.send([place('a', 'sell', 600_000, 10_000)]); // 0.1 BTC at 60,000 behind 1 BTC
    runUntil(1_001_000);
    exchange.applyTrade(0, true, 600_100, 10_000); // a buyer lifted through our price: we are filled in full
    runUntil(2_000_000);
    const fill = events.find((event) => event.type === 'order-filled') as Extract<ExecutionEvent, { type: 'order-filled' }>;
    expect(fill.sizeLots).toBe(10_000);
    expect(fill.feeQuote).toBeCloseTo(0.00015 * 6_000, 10); // Hyperliquid tier 0: 0.015% of $6,000
    expect(exchange.accountSnapshot().positions).toEqual({ BTC: -10_000 });
  });

  it('fills a resting order the opposite side moved through, and walks the book for a taker order', () => {
    const { exchange, events, runUntil } = world();
    exchange.send([place('a', 'buy', 599_900, 1_000)]);
    runUntil(1_001_000);
    exchange.applyDepth(0, false, 599_900, 5_000); // someone offers at our bid price
    exchange.send([place('t', 'buy', 600_000, 150_000, 'ioc')]); // 1.5 BTC: only 1 + 0.05 available up to 60,000
    runUntil(2_000_000);
    const fills = events.filter((event) => event.type === 'order-filled') as Array<Extract<ExecutionEvent, { type: 'order-filled' }>>;
    expect(fills[0]).toMatchObject({ clientOrderId: 'a', sizeLots: 1_000, liquidity: 'maker' });
    expect(fills.slice(1).map((fill) => [fill.priceTicks, fill.sizeLots, fill.liquidity])).toEqual([
      [599_900, 5_000, 'taker'],
      [600_000, 100_000, 'taker'],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'order-canceled', clientOrderId: 't', reason: REJECT_MESSAGES.iocNoMatch });
  });

  it('probabilistic queue: cancels ahead of us move us up, so we fill earlier than the conservative model', () => {
    const run = (queue: QueueModel) => {
      const { exchange, events, runUntil } = world({ queue });
      exchange.send([place('a', 'buy', 599_900, 50_000)]);
      runUntil(1_001_000);
      exchange.applyDepth(0, true, 599_900, 400_000); // 2 BTC join behind us
      exchange.applyDepth(0, true, 599_900, 200_000); // then 2 BTC are cancelled
      exchange.applyTrade(0, false, 599_900, 150_000);
      runUntil(2_000_000);
      return events
        .filter((event) => event.type === 'order-filled')
        .reduce((sum, event) => sum + (event as { sizeLots: number }).sizeLots, 0);
    };
    // Conservative: the cancels were all behind us, 2 BTC still ahead, 1.5 traded: no fill.
    expect(run(new ConservativeQueueModel())).toBe(0);
    // Power 1: 2 ahead and 2 behind, so half the cancels were ahead: 1 BTC ahead, 1.5 traded, 0.5 fills us.
    expect(run(new PowerProbQueueModel(1))).toBe(50_000);
  });

  it('modifies in place, cancels, and answers unknown orders with the venue message', () => {
    const { exchange, events, runUntil } = world();
    exchange.send([place('a', 'buy', 599_900, 1_000)]);
    exchange.send([{ type: 'modify-order', symbol: 'BTC', clientOrderId: 'a', priceTicks: 599_800, sizeLots: 2_000 }]);
    exchange.send([{ type: 'cancel-order', symbol: 'BTC', clientOrderId: 'nope' }]);
    runUntil(2_000_000);
    expect(exchange.accountSnapshot().openOrders).toMatchObject([{ clientOrderId: 'a', priceTicks: 599_800, sizeLots: 2_000 }]);
    exchange.send([{ type: 'cancel-all', reason: 'test' }]);
    runUntil(3_000_000);
    expect(events.map((event) => event.type)).toEqual(['order-accepted', 'order-modified', 'command-rejected', 'order-canceled']);
    expect(events[2]).toMatchObject({ reason: 'Order was never placed, already canceled, or filled. asset=0' });
    expect(exchange.accountSnapshot().openOrders).toEqual([]);
  });

  it('a whole-book snapshot moves our queue by its level change, in both queue models', () => {
    // Hyperliquid sends whole 20-level books: our level's size is only known from the snapshot.
    const run = (queue: QueueModel) => {
      const { exchange, events, runUntil } = world({ queue });
      exchange.send([place('a', 'buy', 599_900, 50_000)]); // 0.5 BTC behind 2 BTC
      runUntil(1_001_000);
      exchange.clearSide(0, true, Number.NaN);
      exchange.applyDepth(0, true, 599_900, 30_000); // the new book: 0.3 BTC at our price
      exchange.finishSnapshot(0);
      exchange.applyTrade(0, false, 599_900, 40_000); // 0.4 sold into the bid
      runUntil(2_000_000);
      return events
        .filter((event) => event.type === 'order-filled')
        .reduce((sum, event) => sum + (event as { sizeLots: number }).sizeLots, 0);
    };
    // At most 0.3 BTC (the whole level) can be ahead now: 0.4 traded fills 0.1 of ours. Without the
    // update 2 BTC would still be ahead and nothing would fill.
    expect(run(new ConservativeQueueModel())).toBe(10_000);
    expect(run(new PowerProbQueueModel(2))).toBeGreaterThanOrEqual(10_000);
  });
});
