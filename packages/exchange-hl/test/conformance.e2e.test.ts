import path from 'node:path';
import { Instrument, ManualClock, MICROS_PER_MILLI, MICROS_PER_SECOND, type Side } from '@mm/core';
import { describeExecutionConformance, type ConformanceHarness } from '@mm/venue-conformance';
import { startHyperliquidVenue } from '@mm/venue-hl';
import { privateKeyToAccount } from 'viem/accounts';
import { HyperliquidExecution } from '../src/hyperliquid-execution.js';
import { ManualScheduler } from '../src/interval-scheduler.js';
import type { HyperliquidNotification } from '../src/hyperliquid-notification.js';

const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123' as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The adapter talking to the loopback venue over real sockets, under the same suite the simulated
 * exchange passes. Market moves are made by trading on the venue's matching engine directly.
 */
async function loopbackHarness(): Promise<ConformanceHarness> {
  const account = privateKeyToAccount(KEY).address.toLowerCase() as `0x${string}`;
  const clock = new ManualClock(Date.now() * MICROS_PER_MILLI);
  const venue = await startHyperliquidVenue({
    dataPath: CAPTURE,
    isTestnet: true,
    replayIntervalMs: 0,
    accounts: [{ address: account }],
    clock,
  });
  clock.advance(2 * MICROS_PER_SECOND);
  venue.catchUp();
  const execution = new HyperliquidExecution({
    privateKey: KEY,
    clock,
    scheduler: new ManualScheduler(),
    config: { apiUrl: venue.url, wsUrl: venue.wsUrl, isTestnet: true, markets: [{ coin: 'BTC', assetId: 0, szDecimals: 5 }] },
  });
  const notifications: HyperliquidNotification[] = [];
  execution.onNotification((notification) => notifications.push(notification));
  await execution.start();
  const settle = async () => {
    await execution.whenIdle();
    await sleep(20); // WebSocket pushes (userFills, orderUpdates) arrive on their own
  };
  return {
    name: '@mm/exchange-hl against @mm/venue-hl on loopback',
    instrument: Instrument.hyperliquidPerp('BTC', 5),
    venue: execution,
    settle,
    async bestBidAsk() {
      const book = venue.core.exchange.book('BTC');
      return { bidTicks: book.bestBidTicks()!, askTicks: book.bestAskTicks()! };
    },
    async tradeThrough(aggressorSide: Side, priceTicks: number, sizeLots: number) {
      venue.core.exchange.applyTrade(0, aggressorSide === 'buy', priceTicks, sizeLots);
      venue.core.scheduler.runDue();
      await settle();
    },
    async reconnect() {
      const before = notifications.filter((notification) => notification.type === 'reconnected').length;
      venue.applyFault({ fault: 'dropConnections' });
      for (let attempt = 0; attempt < 200; attempt += 1) {
        if (notifications.filter((notification) => notification.type === 'reconnected').length > before) return;
        await sleep(25);
      }
      throw new Error('the adapter did not reconnect and reconcile within 5 s');
    },
    async close() {
      await execution.stop({ cancelAll: true });
      await venue.close();
    },
  };
}

describeExecutionConformance('@mm/exchange-hl against the loopback venue', loopbackHarness);
