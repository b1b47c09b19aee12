import { Instrument, ManualClock, type Side } from '@mm/core';
import { TimedQueue } from '@mm/engine';
import { ConstantLatency, PowerProbQueueModel, SimulatedExchange, venueFeeModel } from '@mm/sim-exchange';
import type { ConformanceHarness } from './conformance-harness.js';

/**
 * The simulated exchange under the conformance suite: a Hyperliquid BTC perp with a two-sided book
 * around $60,000, 1 ms latency each way, time moved by hand. It has no connection, so there is no
 * reconnect to test beyond reconcile.
 */
export function simulatedExchangeHarness(): ConformanceHarness {
  const instrument = Instrument.hyperliquidPerp('BTC', 5);
  const clock = new ManualClock(1_700_000_000_000_000);
  const pending = new TimedQueue<() => void>();
  const exchange = new SimulatedExchange({
    instruments: [instrument],
    scheduler: { now: () => clock.now(), schedule: (atUs, action) => pending.push(Math.max(atUs, clock.now()), action) },
    latency: new ConstantLatency(1_000, 1_000),
    queue: new PowerProbQueueModel(2),
    fees: venueFeeModel('hyperliquid'),
    venue: 'hyperliquid',
  });
  exchange.applyDepth(0, true, 599_900, 200_000);
  exchange.applyDepth(0, true, 599_800, 300_000);
  exchange.applyDepth(0, false, 600_000, 200_000);
  exchange.applyDepth(0, false, 600_100, 300_000);
  return {
    name: 'simulated exchange',
    instrument,
    venue: exchange,
    async settle() {
      clock.advance(1_000);
      while (pending.peekTime() <= clock.now()) pending.pop()!();
    },
    async bestBidAsk() {
      const book = exchange.book('BTC');
      return { bidTicks: book.bestBidTicks()!, askTicks: book.bestAskTicks()! };
    },
    async tradeThrough(aggressorSide: Side, priceTicks: number, sizeLots: number) {
      exchange.applyTrade(0, aggressorSide === 'buy', priceTicks, sizeLots);
    },
    async close() {},
  };
}
