import path from 'node:path';
import { ManualClock, MICROS_PER_MILLI, MICROS_PER_SECOND, type ExecutionEvent, type MarketDataEvent } from '@mm/core';
import { HttpTransport, InfoClient } from '@nktkas/hyperliquid';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HyperliquidExecution } from '../src/hyperliquid-execution.js';
import { HyperliquidMarketData } from '../src/hyperliquid-market-data.js';
import type { HyperliquidNotification } from '../src/hyperliquid-notification.js';
import { ManualScheduler } from '../src/interval-scheduler.js';

/** The shared recorded data beside the repository (`<repo>/../shared/data`), never copied into it. */
const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
const MASTER_KEY = '0x0123456789012345678901234567890123456789012345678901234567890123' as const;
const AGENT_KEY = '0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff' as const;
const master = privateKeyToAccount(MASTER_KEY).address.toLowerCase() as `0x${string}`;
const agent = privateKeyToAccount(AGENT_KEY).address;
const markets = [{ coin: 'BTC', assetId: 0, szDecimals: 5 }];
const UNKNOWN_ORDER = 'Order was never placed, already canceled, or filled. asset=0';

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function cloid(n: number): string {
  return `0x${(0xe2e00000 + n).toString(16).padStart(32, '0')}`;
}

describe('HyperliquidExecution against the loopback venue (@mm/venue-hl)', () => {
  let venue: RunningHyperliquidVenue;
  let clock: ManualClock;
  let execution: HyperliquidExecution;
  let info: InfoClient;
  const events: ExecutionEvent[] = [];
  const notifications: HyperliquidNotification[] = [];
  let bestBid = 0;
  let bestAsk = 0;

  beforeAll(async () => {
    clock = new ManualClock(Date.now() * MICROS_PER_MILLI);
    venue = await startHyperliquidVenue({
      dataPath: CAPTURE,
      isTestnet: true,
      replayIntervalMs: 0,
      accounts: [{ address: master, agents: [agent] }],
      clock,
    });
    clock.advance(2 * MICROS_PER_SECOND);
    venue.catchUp();
    info = new InfoClient({ transport: new HttpTransport({ apiUrl: venue.url, isTestnet: true }) });
    execution = new HyperliquidExecution({
      privateKey: AGENT_KEY,
      clock,
      scheduler: new ManualScheduler(),
      config: { apiUrl: venue.url, wsUrl: venue.wsUrl, isTestnet: true, masterAddress: master, markets },
    });
    execution.onEvent((event) => events.push(event));
    execution.onNotification((notification) => notifications.push(notification));
    await execution.start();
    const book = await info.l2Book({ coin: 'BTC' });
    bestBid = execution.markets.instrument('BTC').parsePriceTicks(book!.levels[0][0]!.px);
    bestAsk = execution.markets.instrument('BTC').parsePriceTicks(book!.levels[1][0]!.px);
  });

  afterAll(async () => {
    await execution?.stop();
    await venue?.close();
  });

  it("checks at start, by the venue's userRole, that the key is the configured account's agent", async () => {
    // Started above: the agent key signs for `master`. The same key configured for another account is refused.
    const other = `0x${'3'.repeat(40)}` as `0x${string}`;
    const wrong = new HyperliquidExecution({
      privateKey: AGENT_KEY,
      clock,
      scheduler: new ManualScheduler(),
      config: { apiUrl: venue.url, wsUrl: venue.wsUrl, isTestnet: true, masterAddress: other, markets },
    });
    await expect(wrong.start()).rejects.toThrow(new RegExp(`masterAddress.*the agent of ${master}`));
    await wrong.stop();
  });

  it("reports the dead man's switch as unavailable below $1M volume (signed by the agent, for the master)", () => {
    expect(notifications).toContainEqual(
      expect.objectContaining({
        type: 'dead-man-switch-disabled',
        reason: expect.stringMatching(/^Cannot set scheduled cancel time until enough volume traded\. Required: \$1000000\./),
      }),
    );
    expect(execution.deadManSwitchActive).toBe(false);
  });

  it('places a resting ALO and gets order-accepted with the venue oid', async () => {
    const btc = execution.markets.instrument('BTC');
    const priceTicks = btc.roundPriceTicks(bestBid * 0.995, 'down');
    execution.send([
      {
        type: 'place-order',
        symbol: 'BTC',
        clientOrderId: cloid(1),
        side: 'buy',
        priceTicks,
        sizeLots: 100,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
    ]);
    await execution.whenIdle();
    const accepted = events.find((event) => event.type === 'order-accepted' && event.clientOrderId === cloid(1));
    expect(accepted).toMatchObject({ symbol: 'BTC', venueOrderId: expect.stringMatching(/^\d+$/) });
    const open = await info.openOrders({ user: master });
    expect(open.map((order) => order.cloid)).toContain(cloid(1));
  });

  it("rejects a crossing ALO with the venue's exact text", async () => {
    execution.send([
      {
        type: 'place-order',
        symbol: 'BTC',
        clientOrderId: cloid(2),
        side: 'buy',
        priceTicks: bestAsk,
        sizeLots: 100,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
    ]);
    await execution.whenIdle();
    const btc = execution.markets.instrument('BTC');
    const rejected = events.find((event) => event.type === 'order-rejected' && event.clientOrderId === cloid(2));
    expect(rejected).toMatchObject({
      reason: `Post only order would have immediately matched, bbo was ${btc.formatPrice(bestBid)}@${btc.formatPrice(bestAsk)}. asset=0`,
    });
  });

  it('turns a cancel of an unknown order into command-rejected with the venue text', async () => {
    execution.send([{ type: 'cancel-order', symbol: 'BTC', clientOrderId: cloid(99) }]);
    await execution.whenIdle();
    expect(events.at(-1)).toMatchObject({
      type: 'command-rejected',
      clientOrderId: cloid(99),
      command: 'cancel-order',
      reason: UNKNOWN_ORDER,
    });
  });

  it('modifies a resting order in place', async () => {
    const btc = execution.markets.instrument('BTC');
    const priceTicks = btc.roundPriceTicks(bestBid * 0.99, 'down');
    execution.send([{ type: 'modify-order', symbol: 'BTC', clientOrderId: cloid(1), priceTicks, sizeLots: 200 }]);
    await execution.whenIdle();
    expect(events.at(-1)).toMatchObject({ type: 'order-modified', clientOrderId: cloid(1), priceTicks, sizeLots: 200 });
    const open = await info.openOrders({ user: master });
    const moved = open.find((order) => order.cloid === cloid(1));
    // The venue writes whole prices with ".0" ("104004.0"), so compare on the grid.
    expect(moved).toMatchObject({ sz: '0.002' });
    expect(btc.parsePriceTicks(moved!.limitPx)).toBe(priceTicks);
  });

  it('cancel-all leaves no open order of ours', async () => {
    const btc = execution.markets.instrument('BTC');
    execution.send(
      [3, 4, 5].map((n) => ({
        type: 'place-order' as const,
        symbol: 'BTC',
        clientOrderId: cloid(n),
        side: 'sell' as const,
        priceTicks: btc.roundPriceTicks(bestAsk * (1 + n / 1000), 'up'),
        sizeLots: 100,
        timeInForce: 'post-only' as const,
        reduceOnly: false,
      })),
    );
    execution.send([{ type: 'cancel-all', reason: 'e2e' }]);
    await execution.whenIdle();
    expect(await info.openOrders({ user: master })).toEqual([]);
    const snapshot = await execution.reconcile();
    expect(snapshot.openOrders).toEqual([]);
    expect(
      events
        .filter((event) => event.type === 'order-canceled')
        .map((event) => event.clientOrderId)
        .sort(),
    ).toEqual([cloid(1), cloid(3), cloid(4), cloid(5)].sort());
  });

  it('counts an immediate fill once: post response, WS userFills and reconcile agree on the position', async () => {
    const btc = execution.markets.instrument('BTC');
    execution.send([
      {
        type: 'place-order',
        symbol: 'BTC',
        clientOrderId: cloid(6),
        side: 'buy',
        priceTicks: btc.roundPriceTicks(bestAsk * 1.001, 'up'),
        sizeLots: 100,
        timeInForce: 'ioc',
        reduceOnly: false,
      },
    ]);
    await execution.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the WS fills arrive
    const snapshot = await execution.reconcile();
    const fills = events.filter((event) => event.type === 'order-filled' && event.clientOrderId === cloid(6));
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.reduce((sum, event) => sum + (event.type === 'order-filled' ? event.sizeLots : 0), 0)).toBe(100);
    expect(snapshot.positions).toEqual({ BTC: 100 });
  });

  it('resolves a lost acknowledgement by reconciling (api-error, then order-accepted)', async () => {
    const btc = execution.markets.instrument('BTC');
    venue.applyFault({ fault: 'loseAcks', count: 1 });
    execution.send([
      {
        type: 'place-order',
        symbol: 'BTC',
        clientOrderId: cloid(7),
        side: 'buy',
        priceTicks: btc.roundPriceTicks(bestBid * 0.98, 'down'),
        sizeLots: 100,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
    ]);
    await until(() => events.some((event) => event.type === 'order-accepted' && event.clientOrderId === cloid(7)), 15_000);
    expect(notifications).toContainEqual(expect.objectContaining({ type: 'api-error', action: 'order', outcomeUnknown: true }));
  });

  it('cancels everything when the caller stops calling heartbeat()', async () => {
    execution.heartbeat();
    clock.advance(6 * MICROS_PER_SECOND);
    venue.catchUp();
    execution.checkWatchdog();
    await execution.whenIdle();
    expect(notifications).toContainEqual(expect.objectContaining({ type: 'watchdog-fired' }));
    expect(await info.openOrders({ user: master })).toEqual([]);
  });

  it('stop with cancelAll cancels, by oid, orders the venue holds that it does not track (another session placed and modified them)', async () => {
    const btc = execution.markets.instrument('BTC');
    const config = { apiUrl: venue.url, wsUrl: venue.wsUrl, isTestnet: true, masterAddress: master, markets };
    // An earlier session places and modifies an order (a new oid), then is gone without a cancel.
    const earlier = new HyperliquidExecution({ privateKey: AGENT_KEY, clock, scheduler: new ManualScheduler(), config });
    await earlier.start();
    const priceTicks = btc.roundPriceTicks(bestBid * 0.97, 'down');
    earlier.send([
      {
        type: 'place-order',
        symbol: 'BTC',
        clientOrderId: cloid(40),
        side: 'buy',
        priceTicks,
        sizeLots: 100,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
    ]);
    await earlier.whenIdle();
    earlier.send([{ type: 'modify-order', symbol: 'BTC', clientOrderId: cloid(40), priceTicks: priceTicks - 10, sizeLots: 100 }]);
    await earlier.whenIdle();
    await earlier.stop();
    expect((await info.openOrders({ user: master })).some((order) => order.cloid === cloid(40))).toBe(true);
    const stopper = new HyperliquidExecution({ privateKey: AGENT_KEY, clock, scheduler: new ManualScheduler(), config });
    await stopper.start();
    const left = await stopper.stop({ cancelAll: true, cancelTimeoutMs: 3_000 });
    expect(await info.openOrders({ user: master })).toEqual([]);
    expect(left).toBe(0);
  });

  it('reconciles after the WebSocket is dropped and reconnects', async () => {
    const before = notifications.length;
    expect(execution.readyToQuote).toBe(true);
    venue.applyFault({ fault: 'dropConnections' });
    await until(() => !execution.readyToQuote, 5_000);
    await until(() => notifications.slice(before).some((notification) => notification.type === 'reconnected'), 15_000);
    expect(execution.readyToQuote).toBe(true);
  });
});

describe('HyperliquidMarketData against the loopback venue', () => {
  it('streams l2Book snapshots (20 levels) and trades in ticks and lots', async () => {
    const clock = new ManualClock(Date.now() * MICROS_PER_MILLI);
    const venue = await startHyperliquidVenue({ dataPath: CAPTURE, replayIntervalMs: 0, accounts: [{ address: master }], clock });
    const marketData = new HyperliquidMarketData({ clock, scheduler: new ManualScheduler(), config: { wsUrl: venue.wsUrl, markets } });
    const events: MarketDataEvent[] = [];
    const unsubscribe = marketData.subscribe('BTC', (event) => events.push(event));
    try {
      for (let i = 0; i < 100 && !events.some((event) => event.type === 'book-snapshot'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        clock.advance(500_000);
        venue.catchUp();
      }
      const book = events.find((event) => event.type === 'book-snapshot');
      expect(book).toBeDefined();
      if (book?.type !== 'book-snapshot') return;
      expect(book.bids.length).toBeGreaterThan(0);
      expect(book.bids.length).toBeLessThanOrEqual(20);
      expect(book.bids[0]!.priceTicks).toBeLessThan(book.asks[0]!.priceTicks);
      expect(Number.isInteger(book.asks[0]!.sizeLots)).toBe(true);
    } finally {
      unsubscribe();
      await marketData.close();
      await venue.close();
    }
  });
});
