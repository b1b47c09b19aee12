import { OrderBook } from '@mm/book';
import { Instrument, parseConfig, type Micros } from '@mm/core';
import { z } from 'zod';
import { BinanceBookRebuilder, binanceBookRebuilderOptionsSchema } from './binance-book-rebuilder.js';
import { BinanceUsdmParser } from './binance-usdm-parser.js';
import type { BookGapEvent } from './feed-events.js';
import { HyperliquidParser } from './hyperliquid-parser.js';
import { replayCapture, type ReplaySummary } from './replay-capture.js';

export const rebuildBinanceUsdmBookOptionsSchema = binanceBookRebuilderOptionsSchema.extend({
  instrument: z.instanceof(Instrument),
  /** Rebuild through the last line received at or before this local time; all lines if absent. */
  untilLocalTimeUs: z.number().int().optional(),
});

export type RebuildBinanceUsdmBookOptions = z.input<typeof rebuildBinanceUsdmBookOptionsSchema>;

export interface BinanceUsdmBookRebuild extends ReplaySummary {
  book: OrderBook;
  rebuilder: BinanceBookRebuilder;
  gaps: BookGapEvent[];
}

/**
 * Rebuilds a Binance USD-M book from capture files (in order: a later file may continue an
 * earlier one's diff chain without a snapshot of its own) up to a local time.
 */
export async function rebuildBinanceUsdmBook(
  files: string | readonly string[],
  options: RebuildBinanceUsdmBookOptions,
): Promise<BinanceUsdmBookRebuild> {
  const { instrument, untilLocalTimeUs, ...rebuilderOptions } = parseConfig(
    rebuildBinanceUsdmBookOptionsSchema,
    options,
    'Binance USD-M rebuild options',
  );
  const gaps: BookGapEvent[] = [];
  const rebuilder = new BinanceBookRebuilder(rebuilderOptions, (gap) => gaps.push(gap));
  const summary = await replayCapture(
    files,
    new BinanceUsdmParser(instrument),
    { bookUpdate: (update) => rebuilder.apply(update) },
    untilLocalTimeUs === undefined ? {} : { untilLocalTimeUs },
  );
  return { ...summary, book: rebuilder.book, rebuilder, gaps };
}

export const rebuildHyperliquidBookOptionsSchema = z.strictObject({
  instrument: z.instanceof(Instrument),
  untilLocalTimeUs: z.number().int().optional(),
  windowTicks: z.number().int().optional(),
});

export type RebuildHyperliquidBookOptions = z.input<typeof rebuildHyperliquidBookOptionsSchema>;

export interface HyperliquidBookRebuild extends ReplaySummary {
  book: OrderBook;
  snapshots: number;
  /** Local time of the snapshot the book holds; NaN if none. */
  bookLocalTimeUs: Micros;
}

/** The Hyperliquid book as of a local time: its last `l2Book` snapshot at or before it. */
export async function rebuildHyperliquidBook(
  files: string | readonly string[],
  options: RebuildHyperliquidBookOptions,
): Promise<HyperliquidBookRebuild> {
  const { instrument, untilLocalTimeUs, windowTicks } = parseConfig(
    rebuildHyperliquidBookOptionsSchema,
    options,
    'Hyperliquid rebuild options',
  );
  const book = new OrderBook(windowTicks === undefined ? {} : { windowTicks });
  let snapshots = 0;
  let bookLocalTimeUs = Number.NaN;
  const summary = await replayCapture(
    files,
    new HyperliquidParser(instrument),
    {
      bookUpdate: (update) => {
        book.clear();
        book.bids.applyLevels(update.bids);
        book.asks.applyLevels(update.asks);
        snapshots += 1;
        bookLocalTimeUs = update.localTimeUs;
      },
    },
    untilLocalTimeUs === undefined ? {} : { untilLocalTimeUs },
  );
  return { ...summary, book, snapshots, bookLocalTimeUs };
}
