import { z } from 'zod';
import { InvalidInputError } from '@mm/core';
import { rebuildBinanceUsdmBook, rebuildHyperliquidBook } from '@mm/feeds';
import { captureFlagsShape, captureMarket } from './capture-venue.js';
import { listFlag, parseFlags } from './parse-flags.js';
import { parseTime } from './parse-time.js';
import { userPath } from './user-path.js';

export const bookFlagsSchema = z.strictObject({
  data: listFlag,
  at: listFlag,
  ...captureFlagsShape,
  json: z.boolean().default(false),
});

export interface BookAtTime {
  at: string;
  localTimeUs: number;
  bestBid: string | null;
  bestBidSize: string | null;
  bestAsk: string | null;
  bestAskSize: string | null;
  levels: number;
}

/** `book --data a.gz[,b.gz] --at t1[,t2] [--json]`: the book rebuilt from the files up to each local receive time. */
export async function bookCommand(argv: readonly string[]): Promise<string> {
  const parsed = parseFlags(argv, bookFlagsSchema, 'book arguments', ['json']);
  const flags = { ...parsed, data: parsed.data.map((file) => userPath(file, '--data', true)) };
  const { venue, instrument } = await captureMarket(flags.data[0]!, flags);
  const results: BookAtTime[] = [];
  for (const at of flags.at) {
    // `end`: the book after the last line (a time past the end is refused below, not answered with it).
    const toEnd = at.trim() === 'end';
    const until = toEnd ? {} : { untilLocalTimeUs: parseTime(at) };
    const { book, stopped, lastLocalTimeUs } =
      venue === 'binance-usdm'
        ? await rebuildBinanceUsdmBook(flags.data, { instrument, ...until })
        : await rebuildHyperliquidBook(flags.data, { instrument, ...until });
    const untilLocalTimeUs = until.untilLocalTimeUs ?? lastLocalTimeUs;
    // Past the data's end the last book is no answer (it used to be given as if it were the book at --at).
    if (!stopped && untilLocalTimeUs > lastLocalTimeUs) {
      throw new InvalidInputError(
        `--at ${at} is after the data's end (${Number.isNaN(lastLocalTimeUs) ? 'no lines' : new Date(lastLocalTimeUs / 1000).toISOString()}): give a time inside the capture, or --at end`,
        { at, lastLocalTimeUs },
      );
    }
    const bid = book.bestBidTicks();
    const ask = book.bestAskTicks();
    results.push({
      at,
      localTimeUs: untilLocalTimeUs,
      bestBid: bid === undefined ? null : instrument.formatPrice(bid),
      bestBidSize: bid === undefined ? null : instrument.formatSize(book.bestBidLots()),
      bestAsk: ask === undefined ? null : instrument.formatPrice(ask),
      bestAskSize: ask === undefined ? null : instrument.formatSize(book.bestAskLots()),
      levels: book.levelCount,
    });
  }
  if (flags.json) return JSON.stringify(results, null, 2);
  return results
    .map(
      (entry) =>
        `${entry.at}  best bid ${entry.bestBid ?? '-'} (${entry.bestBidSize ?? '-'})  best ask ${entry.bestAsk ?? '-'} (${entry.bestAskSize ?? '-'})  levels ${entry.levels}`,
    )
    .join('\n');
}
