import path from 'node:path';
import { Instrument } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { loadBinanceMarketCapture } from './binance-market-capture.js';

const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/binance-usdm/btcusdt_20240808.gz');

describe('loadBinanceMarketCapture', () => {
  it('turns the Binance capture into Hyperliquid BTC books every 0.5 s and trades, on its price grid', async () => {
    const btc = Instrument.hyperliquidPerp('BTC', 5);
    const capture = await loadBinanceMarketCapture(CAPTURE, btc);
    const books = capture.frames.filter((frame) => frame.kind === 'book');
    const trades = capture.frames.flatMap((frame) => (frame.kind === 'trades' ? frame.trades : []));
    expect(books.length).toBeGreaterThan(600); // ~345 s at one book per 0.5 s
    expect(trades.length).toBeGreaterThan(20_000);
    for (const book of books) {
      expect(book.bids.length).toBeGreaterThan(0);
      expect(book.bids[0]!.priceTicks).toBeLessThan(book.asks[0]!.priceTicks);
      for (const level of [...book.bids, ...book.asks]) expect(btc.isValidPriceTicks(level.priceTicks)).toBe(true);
    }
    for (const trade of trades) expect(btc.isValidPriceTicks(trade.priceTicks)).toBe(true);
    // The last book agrees with the known end of the capture: best bid 61659.7 -> $61,659 on Hyperliquid's grid.
    expect(btc.formatPrice(books.at(-1)!.bids[0]!.priceTicks)).toBe('61659');
  });
});
