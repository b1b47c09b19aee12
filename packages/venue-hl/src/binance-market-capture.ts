import { InvalidInputError, type Instrument, type Micros } from '@mm/core';
import { BINANCE_USDM_BTCUSDT, BinanceBookRebuilder, BinanceUsdmParser, replayCapture } from '@mm/feeds';
import type { CapturedBook, CapturedFrame, CapturedLevel, CapturedTrade, MarketCapture } from './market-capture.js';

/** Hyperliquid pushes an `l2Book` on blocks at least 0.5 s apart; the converted market does the same. */
const BOOK_INTERVAL_US = 500_000;
const LEVELS_PER_SIDE = 20;
const ZERO_HASH = `0x${'0'.repeat(64)}`;
const ZERO_USER = `0x${'0'.repeat(40)}`;

/**
 * A recorded Binance USD-M BTCUSDT capture as a Hyperliquid BTC market: the book rebuilt from the
 * depth stream (U/u/pu sequencing) and sampled every 0.5 s as a 20-level `l2Book`, trades as
 * `trades`. Prices move onto Hyperliquid's grid (5 significant figures: whole dollars at these
 * prices), bids down and asks up, sizes summed per grid price; buy-aggressor trades round up to the
 * ask they took, sell-aggressor trades down. It is real recorded order flow, denser than the short
 * Hyperliquid capture, so a paper bot sees fills; the venue says where its market comes from.
 */
export async function loadBinanceMarketCapture(path: string, instrument: Instrument): Promise<MarketCapture> {
  const source = BINANCE_USDM_BTCUSDT;
  const rebuilder = new BinanceBookRebuilder({});
  const frames: CapturedFrame[] = [];
  let nextBookUs = Number.NEGATIVE_INFINITY;
  let pendingTrades: CapturedTrade[] = [];
  let pendingTradesUs = 0;
  const toPrice = (ticks: number) => ticks * source.tickSize;
  const toLots = (lots: number) => instrument.sizeToLots(lots * source.lotSize, 'nearest');

  const sideLevels = (isBid: boolean): CapturedLevel[] => {
    const side = rebuilder.book.side(isBid ? 'bid' : 'ask');
    const merged = new Map<number, number>();
    side.forEachLevel((priceTicks, sizeLots) => {
      const gridPrice = instrument.priceToTicks(toPrice(priceTicks), isBid ? 'down' : 'up');
      const lots = toLots(sizeLots);
      if (lots > 0) merged.set(gridPrice, (merged.get(gridPrice) ?? 0) + lots);
      return merged.size <= LEVELS_PER_SIDE;
    });
    return [...merged.entries()]
      .sort((left, right) => (isBid ? right[0] - left[0] : left[0] - right[0]))
      .slice(0, LEVELS_PER_SIDE)
      .map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots, orders: 1 }));
  };

  const flushTrades = () => {
    if (pendingTrades.length === 0) return;
    frames.push({ kind: 'trades', localTimeUs: pendingTradesUs, trades: pendingTrades });
    pendingTrades = [];
  };

  const sampleBook = (localTimeUs: Micros, timeMs: number) => {
    if (localTimeUs < nextBookUs) return;
    const bids = sideLevels(true);
    const asks = sideLevels(false);
    if (bids.length === 0 || asks.length === 0 || bids[0]!.priceTicks >= asks[0]!.priceTicks) return;
    nextBookUs = localTimeUs + BOOK_INTERVAL_US;
    flushTrades();
    const book: CapturedBook = { kind: 'book', localTimeUs, timeMs, bids, asks };
    frames.push(book);
  };

  await replayCapture(path, new BinanceUsdmParser(source), {
    bookUpdate(update) {
      rebuilder.apply(update);
      if (rebuilder.sequencer.state === 'synced') sampleBook(update.localTimeUs, Math.floor(update.venueTimeUs / 1_000));
    },
    trade(trade) {
      if (rebuilder.sequencer.state !== 'synced') return;
      const buy = trade.aggressorSide === 'buy';
      const sizeLots = toLots(trade.sizeLots);
      if (sizeLots <= 0) return;
      if (pendingTrades.length === 0) pendingTradesUs = trade.localTimeUs;
      pendingTrades.push({
        side: buy ? 'B' : 'A',
        priceTicks: instrument.priceToTicks(toPrice(trade.priceTicks), buy ? 'up' : 'down'),
        sizeLots,
        timeMs: Math.floor(trade.venueTimeUs / 1_000),
        hash: ZERO_HASH,
        users: [ZERO_USER, ZERO_USER],
      });
      // Trades are published in frames no longer than the book interval, like the venue's blocks.
      if (trade.localTimeUs - pendingTradesUs >= BOOK_INTERVAL_US) flushTrades();
    },
  });
  flushTrades();
  if (!frames.some((frame) => frame.kind === 'book')) {
    throw new InvalidInputError(`capture '${path}' gives no synced Binance book to replay`, { path });
  }
  return {
    coin: instrument.symbol,
    frames,
    firstLocalTimeUs: frames[0]!.localTimeUs,
    lastLocalTimeUs: frames[frames.length - 1]!.localTimeUs,
  };
}
