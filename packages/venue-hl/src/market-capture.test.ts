import { Instrument } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_CAPTURE, sharedFile } from '../test/shared-files.js';
import { loadMarketCapture } from './market-capture.js';

describe('loadMarketCapture', () => {
  it('reads the recorded BTC capture onto the tick/lot grid, keeping order counts and trade details', async () => {
    const btc = Instrument.hyperliquidPerp('BTC', 5);
    const capture = await loadMarketCapture(sharedFile(HYPERLIQUID_CAPTURE), btc);
    const books = capture.frames.filter((frame) => frame.kind === 'book');
    const trades = capture.frames.flatMap((frame) => (frame.kind === 'trades' ? frame.trades : []));
    expect(books.length).toBeGreaterThan(40);
    expect(books[0]!.bids[0]).toEqual({ priceTicks: btc.parsePriceTicks('105055.0'), sizeLots: 303_622, orders: 5 });
    expect(books.every((book) => book.bids.length === 20 && book.asks.length === 20)).toBe(true);
    expect(trades.length).toBeGreaterThan(50);
    expect(trades[0]).toMatchObject({ side: 'B', priceTicks: btc.parsePriceTicks('105056'), sizeLots: 219 });
    expect(capture.lastLocalTimeUs - capture.firstLocalTimeUs).toBeGreaterThan(20_000_000);
  });
});
