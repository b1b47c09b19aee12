import { Instrument } from '@mm/core';
import { SymbolConverter } from '@nktkas/hyperliquid/utils';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MASTER, startHarness, type Harness } from './sdk-harness.js';

const btc = Instrument.hyperliquidPerp('BTC', 5);

describe('market data through the official SDK', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('meta lists BTC as asset 0 with szDecimals 5', async () => {
    const meta = await h.info.meta();
    expect(meta.universe[0]).toMatchObject({ name: 'BTC', szDecimals: 5, maxLeverage: 40 });
  });

  it('the SDK SymbolConverter maps BTC to asset 0 from meta, spotMeta and outcomeMeta', async () => {
    const converter = await SymbolConverter.create({ transport: h.http });
    expect(converter.getAssetId('BTC')).toBe(0);
    expect(converter.getSzDecimals('BTC')).toBe(5);
  });

  it('InfoClient l2Book returns 20-level books with exact prices on the grid', async () => {
    const book = await h.info.l2Book({ coin: 'BTC' });
    expect(book).not.toBeNull();
    const [bids, asks] = book!.levels;
    expect(bids).toHaveLength(20);
    expect(asks).toHaveLength(20);
    expect(bids[0]).toEqual({ px: '105055.0', sz: '3.03622', n: 5 });
    for (const level of [...bids, ...asks]) {
      const ticks = btc.parsePriceTicks(level.px);
      expect(btc.isValidPriceTicks(ticks)).toBe(true);
      // Written as the recorded frames write them: whole prices with ".0".
      expect(level.px).toBe(btc.formatPrice(ticks).includes('.') ? btc.formatPrice(ticks) : `${btc.formatPrice(ticks)}.0`);
      expect(Number(btc.formatSize(btc.parseSizeLots(level.sz)))).toBe(Number(level.sz));
    }
    expect(Number(bids[0]!.px)).toBeLessThan(Number(asks[0]!.px));
    expect(await h.info.l2Book({ coin: 'ETH' })).toBeNull();
  });

  it('l2Book aggregates to nSigFigs like the venue ($10 buckets at 5 figures for BTC)', async () => {
    const book = await h.info.l2Book({ coin: 'BTC', nSigFigs: 5 });
    const [bids, asks] = book!.levels;
    expect(bids[0]!.px).toBe('105050.0');
    expect(asks[0]!.px).toBe('105060.0');
    for (const level of [...bids, ...asks]) expect(Number(level.px) % 10).toBe(0);
    const full = await h.info.l2Book({ coin: 'BTC' });
    const fullBidLots = full!.levels[0]
      .filter((level) => Number(level.px) >= 105050)
      .reduce((sum, level) => sum + btc.parseSizeLots(level.sz), 0);
    expect(btc.parseSizeLots(bids[0]!.sz)).toBe(fullBidLots);
  });

  it('replays the capture in a loop with times shifted to the venue clock', () => {
    const startMs = h.venue.core.nowMs();
    const first = h.venue.core.currentBook()!.time;
    expect(Math.abs(first - startMs)).toBeLessThan(1_000);
    h.advanceSeconds(60);
    const later = h.venue.core.currentBook()!.time;
    expect(later).toBeGreaterThan(first + 50_000);
    expect(h.venue.core.replay.loopsCompleted).toBeGreaterThanOrEqual(2);
  });

  it('SubscriptionClient l2Book and trades deliver frames as the replay advances', async () => {
    const { client } = h.subscriptions();
    const books: Array<{ coin: string; time: number; levels: unknown[][] }> = [];
    const trades: Array<Array<{ coin: string; px: string; side: string; tid: number }>> = [];
    const bookSub = await client.l2Book({ coin: 'BTC' }, (book) => books.push(book));
    const tradeSub = await client.trades({ coin: 'BTC' }, (batch) => trades.push(batch));
    await vi.waitFor(() => expect(books.length).toBeGreaterThanOrEqual(1)); // the current book on subscribe
    const before = books.length;
    h.advanceSeconds(26);
    await vi.waitFor(() => expect(books.length).toBeGreaterThan(before + 30));
    await vi.waitFor(() => expect(trades.length).toBeGreaterThanOrEqual(5));
    expect(books.at(-1)!.levels[0]).toHaveLength(20);
    expect(trades.flat().every((trade) => trade.coin === 'BTC' && btc.isValidPriceTicks(btc.parsePriceTicks(trade.px)))).toBe(true);
    await bookSub.unsubscribe();
    await tradeSub.unsubscribe();
  });

  it('WS post answers info requests', async () => {
    const { transport } = h.subscriptions();
    await transport.ready();
    const book = await transport.request<{ coin: string }>('info', { type: 'l2Book', coin: 'BTC' });
    expect(book.coin).toBe('BTC');
    const open = await transport.request<unknown[]>('info', { type: 'openOrders', user: MASTER });
    expect(Array.isArray(open)).toBe(true);
  });
});
