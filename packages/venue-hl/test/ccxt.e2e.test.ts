import ccxt, { type Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER, MASTER_KEY, master, startHarness, type Harness } from './sdk-harness.js';

const SYMBOL = 'BTC/USDC:USDC';

/**
 * ccxt 4.5's `hyperliquid` class, default options, in sandbox (testnet) mode so it signs for the
 * testnet as the venue does, with its REST and WebSocket URLs pointed at the local venue. Its first
 * private call approves its builder fee (user-signed with its own chain id 0x66eee) and sets its
 * referrer; every order then carries its builder code. The replayed market is the 25-second
 * Hyperliquid capture: its bid at 105055 is swept to 105051 after ~22 s, filling a bid at 105054.
 */
describe('ccxt hyperliquid against the local venue', () => {
  let h: Harness;
  let ex: Exchange;
  beforeAll(async () => {
    h = await startHarness();
    ex = new ccxt.pro.hyperliquid({ walletAddress: master.address, privateKey: MASTER_KEY });
    ex.setSandboxMode(true);
    ex.urls['api'] = { ...ex.urls['api'], public: h.venue.url, private: h.venue.url, ws: { public: h.venue.wsUrl } };
    // ccxt needs this once before it opens a plain ws:// URL in Node.
    await ex.loadHttpProxyAgent();
  });
  afterAll(async () => {
    await ex.close();
    await h.close();
  });

  it('loads markets with default options: the perp, USDC as the currency at index 0', async () => {
    const markets = await ex.loadMarkets();
    expect(markets[SYMBOL]).toMatchObject({ swap: true, base: 'BTC', quote: 'USDC', settle: 'USDC', baseId: '0' });
    expect(markets[SYMBOL]!.precision.amount).toBe(0.00001);
    expect(ex.currencies['USDC']).toMatchObject({ id: '0', code: 'USDC' });
  });

  it('fetches the balance, the (empty) positions, the base-tier fees and the exchange status', async () => {
    const balance = await ex.fetchBalance();
    expect(balance['USDC']).toMatchObject({ total: 100000, free: 100000, used: 0 });
    expect(await ex.fetchPositions([SYMBOL])).toEqual([]);
    // Base tier of the official schedule: 0.045 % taker, 0.015 % maker.
    expect(await ex.fetchTradingFee(SYMBOL)).toMatchObject({ symbol: SYMBOL, taker: 0.00045, maker: 0.00015 });
    expect(await ex.fetchStatus()).toMatchObject({ status: 'ok' });
    expect(ex.options['approvedBuilderFee']).toBe(true);
  });

  it('sets leverage, places a post-only bid, watches its order update, its fill and the position', async () => {
    await ex.setLeverage(10, SYMBOL, { marginMode: 'cross' });
    const ticker = await ex.watchTicker(SYMBOL);
    expect(ticker).toMatchObject({ symbol: SYMBOL, bid: 105055, ask: 105056 });
    const book = await ex.watchOrderBook(SYMBOL);
    expect(book.bids[0]).toEqual([105055, 3.03622]);
    expect(book.asks).toHaveLength(20);

    const orderUpdate = ex.watchOrders(SYMBOL);
    const since = h.venue.core.nowMs();
    const order = await ex.createOrder(SYMBOL, 'limit', 'buy', 0.0001, 105054, { postOnly: true });
    expect(order.id).toMatch(/^\d+$/);
    const [update] = await orderUpdate;
    expect(update).toMatchObject({ id: order.id, status: 'open', price: 105054, amount: 0.0001 });

    const myTrades = ex.watchMyTrades(SYMBOL);
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.advanceSeconds(25);
    const [trade] = await myTrades;
    expect(trade).toMatchObject({ order: order.id, symbol: SYMBOL, side: 'buy', price: 105054, amount: 0.0001 });
    expect(trade!.info).toMatchObject({ crossed: false });
    // Maker fee 0.015 % plus ccxt's builder fee 0.01 %, in USDC.
    expect(trade!.fee!.cost).toBeCloseTo(105054 * 0.0001 * 0.00025, 6);
    expect(trade!.id).toMatch(/^\d{15}$/);

    const fetched = await ex.fetchMyTrades(SYMBOL, since);
    expect(fetched.map((t) => t.id)).toEqual([trade!.id]);
    expect(fetched[0]!.info).toMatchObject({ hash: expect.stringMatching(/^0x[0-9a-f]{64}$/), builderFee: expect.any(String) });
    const closed = await ex.fetchClosedOrders(SYMBOL);
    expect(closed).toContainEqual(expect.objectContaining({ id: order.id, status: 'closed', filled: 0.0001 }));

    const [position] = await ex.fetchPositions([SYMBOL]);
    expect(position).toMatchObject({ symbol: SYMBOL, side: 'long', contracts: 0.0001, leverage: 10, marginMode: 'cross' });
    const positions = await ex.watchPositions([SYMBOL]);
    expect(positions[0]).toMatchObject({ symbol: SYMBOL, contracts: 0.0001, leverage: 10 });
    // Balance and positions share the clearinghouseState subscription: the next block pushes it again.
    const balance = ex.watchBalance();
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.advanceSeconds(1);
    const watched = await balance;
    expect(watched['USDC']!.total).toBeGreaterThan(99_990);
    expect(watched['USDC']!.used).toBeCloseTo((105054 * 0.0001) / 10, 0);
  });

  it('fetches one-minute candles built from the replayed trades', async () => {
    const start = h.venue.core.nowMs() - 120_000;
    const candles = await ex.fetchOHLCV(SYMBOL, '1m', start, undefined, { until: start + 600_000 });
    expect(candles.length).toBeGreaterThanOrEqual(1);
    for (const [time, open, high, low, close, volume] of candles) {
      expect(time! % 60_000).toBe(0);
      expect(low!).toBeLessThanOrEqual(Math.min(open!, close!));
      expect(high!).toBeGreaterThanOrEqual(Math.max(open!, close!));
      expect(volume!).toBeGreaterThan(0);
    }
  });

  it('maps the venue refusals to ccxt errors: a crossing post-only, a price far from the reference', async () => {
    await expect(ex.createOrder(SYMBOL, 'limit', 'buy', 0.001, 110000, { postOnly: true })).rejects.toThrow(
      /Post only order would have immediately matched/,
    );
    await expect(ex.createOrder(SYMBOL, 'limit', 'buy', 1, 1000, { postOnly: true })).rejects.toThrow(
      'Order price cannot be more than 95% away from the reference price',
    );
    expect(MASTER).toBe(master.address.toLowerCase());
  });
});
