import path from 'node:path';
import { ManualClock, MICROS_PER_MILLI, MICROS_PER_SECOND, type ExecutionEvent, type PlaceOrderCommand } from '@mm/core';
import { HttpTransport, InfoClient } from '@nktkas/hyperliquid';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HyperliquidExecution } from '../src/hyperliquid-execution.js';
import { ManualScheduler } from '../src/interval-scheduler.js';
import type { HyperliquidNotification } from '../src/hyperliquid-notification.js';

const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
const KEY = '0x9a3b8c7d6e5f40312233445566778899aabbccddeeff00112233445566778899' as const;
const account = privateKeyToAccount(KEY).address.toLowerCase() as `0x${string}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The adapter's own view, built only from the events it emitted. */
function viewFromEvents(events: readonly ExecutionEvent[]) {
  const open = new Map<string, number>();
  const fillIds = new Set<string>();
  let positionLots = 0;
  for (const event of events) {
    switch (event.type) {
      case 'order-accepted':
        open.set(event.clientOrderId, 1);
        break;
      case 'order-filled':
        if (fillIds.has(event.fillId)) throw new Error(`fill ${event.fillId} reported twice`);
        fillIds.add(event.fillId);
        positionLots += event.side === 'buy' ? event.sizeLots : -event.sizeLots;
        if (event.remainingLots <= 0) open.delete(event.clientOrderId);
        break;
      case 'order-canceled':
      case 'order-rejected':
        open.delete(event.clientOrderId);
        break;
      default:
        break;
    }
  }
  return { openOrders: [...open.keys()].sort(), positionLots, fills: fillIds.size };
}

describe('HyperliquidExecution under venue faults (loopback)', () => {
  let venue: RunningHyperliquidVenue;
  let execution: HyperliquidExecution;
  let info: InfoClient;
  const clock = new ManualClock(Date.now() * MICROS_PER_MILLI);
  const events: ExecutionEvent[] = [];
  const notifications: HyperliquidNotification[] = [];
  let sequence = 0;
  const cloid = () => `0x${(0xfa000000 + (sequence += 1)).toString(16).padStart(32, '0')}`;

  beforeAll(async () => {
    venue = await startHyperliquidVenue({
      dataPath: CAPTURE,
      isTestnet: true,
      replayIntervalMs: 0,
      accounts: [{ address: account }],
      clock,
    });
    clock.advance(2 * MICROS_PER_SECOND);
    venue.catchUp();
    info = new InfoClient({ transport: new HttpTransport({ apiUrl: venue.url, isTestnet: true }) });
    execution = new HyperliquidExecution({
      privateKey: KEY,
      clock,
      scheduler: new ManualScheduler(),
      config: {
        apiUrl: venue.url,
        wsUrl: venue.wsUrl,
        isTestnet: true,
        markets: [{ coin: 'BTC', assetId: 0, szDecimals: 5 }],
        weightLimitPerMinute: 400,
      },
    });
    execution.onEvent((event) => events.push(event));
    execution.onNotification((notification) => notifications.push(notification));
    await execution.start();
  });

  afterAll(async () => {
    await execution?.stop({ cancelAll: true });
    await venue?.close();
  });

  it('ends with the same orders, position and fills as the venue after drops, stalls, 429/5xx and partial rejects', async () => {
    const book = venue.core.exchange.book('BTC');
    const bid = book.bestBidTicks()!;
    const ask = book.bestAskTicks()!;
    const btc = execution.markets.instrument('BTC');
    const order = (side: 'buy' | 'sell', priceTicks: number): PlaceOrderCommand => ({
      type: 'place-order',
      symbol: 'BTC',
      clientOrderId: cloid(),
      side,
      priceTicks,
      sizeLots: 20,
      timeInForce: 'post-only',
      reduceOnly: false,
    });
    const below = (steps: number) => btc.roundPriceTicks(bid - steps * btc.priceStepTicksAt(bid), 'down');
    const above = (steps: number) => btc.roundPriceTicks(ask + steps * btc.priceStepTicksAt(ask), 'up');

    // A batch with one crossing ALO: the venue rejects that one, the others rest.
    execution.send([order('buy', below(2)), order('buy', ask), order('sell', above(2))]);
    await execution.whenIdle();
    // 429, then 503: the action is not processed; the adapter reports and stays consistent.
    venue.applyFault({ fault: 'httpError', status: 429, count: 1 });
    execution.send([order('buy', below(4))]);
    await execution.whenIdle();
    venue.applyFault({ fault: 'httpError', status: 503, count: 1 });
    execution.send([order('sell', above(4))]);
    await execution.whenIdle();
    // Stalled acks, then a lost ack (the action applies, the answer never comes).
    venue.applyFault({ fault: 'delayAcks', ms: 300 });
    execution.send([order('buy', below(6))]);
    await execution.whenIdle();
    venue.applyFault({ fault: 'delayAcks', ms: 0 });
    venue.applyFault({ fault: 'loseAcks', count: 1 });
    execution.send([order('sell', above(6))]);
    await execution.whenIdle();
    // The WebSocket drops; meanwhile the market trades through our best bid.
    venue.applyFault({ fault: 'dropConnections' });
    venue.core.exchange.applyTrade(0, false, below(3), 1_000_000);
    venue.core.scheduler.runDue();
    for (let waited = 0; waited < 5_000 && !notifications.some((n) => n.type === 'reconnected'); waited += 25) await sleep(25);
    await execution.whenIdle();
    await sleep(100);
    await execution.reconcile();
    await execution.whenIdle();
    await sleep(100);

    const ours = viewFromEvents(events);
    const venueOpen = (await info.openOrders({ user: account })).map((open) => open.cloid ?? '').sort();
    const state = await info.clearinghouseState({ user: account });
    const venuePositionLots = state.assetPositions.reduce(
      (sum, entry) =>
        sum + btc.parseSizeLots(entry.position.szi.replace('-', ''), 'nearest') * (entry.position.szi.startsWith('-') ? -1 : 1),
      0,
    );
    const venueFills = (await info.userFills({ user: account })).length;

    expect(notifications.some((n) => n.type === 'api-error')).toBe(true);
    expect(
      events.some((event) => event.type === 'order-rejected' && event.reason.startsWith('Post only order would have immediately matched')),
    ).toBe(true);
    expect(ours.openOrders).toEqual(venueOpen);
    expect(ours.positionLots).toBe(venuePositionLots);
    expect(ours.positionLots).toBe(20);
    expect(ours.fills).toBe(venueFills);
    // The address budget was read from the venue (userRateLimit) and counts what we sent.
    expect(execution.addressBudget.fromVenue).toBe(true);
    expect(execution.addressBudget.capRequests).toBeGreaterThanOrEqual(10_000);
    // The request budget (400 weight/min here) was never exceeded.
    expect(execution.budget.usedWeight()).toBeLessThanOrEqual(400);
  }, 60_000);
});
