import { z } from 'zod';
import { InvalidInputError } from '@mm/core';
import { forEachCaptureFrame, rebuildBinanceUsdmBook, rebuildHyperliquidBook } from '@mm/feeds';
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

const isoTime = (localTimeUs: number): string => new Date(localTimeUs / 1000).toISOString();

/** `<first line's time> to <last line's time>` of the files (read again: only on the error path). */
async function captureTimeRange(files: readonly string[]): Promise<string> {
  let first = Number.NaN;
  let last = Number.NaN;
  for (const file of files) {
    await forEachCaptureFrame(file, (_bytes, _start, _end, localTimeUs) => {
      if (Number.isNaN(first)) first = localTimeUs;
      last = localTimeUs;
    });
  }
  return Number.isNaN(first) ? 'no lines at all' : `${isoTime(first)} to ${isoTime(last)} (local receive time)`;
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
    const { book, stopped, lines, lastLocalTimeUs } =
      venue === 'binance-usdm'
        ? await rebuildBinanceUsdmBook(flags.data, { instrument, ...until })
        : await rebuildHyperliquidBook(flags.data, { instrument, ...until });
    const untilLocalTimeUs = until.untilLocalTimeUs ?? lastLocalTimeUs;
    // Outside the data there is no book to answer: past the end the last book would be given as if
    // it were the book at --at, before the start an empty book as if the market had none.
    const beforeStart = stopped && lines === 0;
    const afterEnd = !stopped && untilLocalTimeUs > lastLocalTimeUs;
    if (beforeStart || afterEnd) {
      const range = await captureTimeRange(flags.data);
      throw new InvalidInputError(
        `--at ${at} is ${beforeStart ? "before the data's start" : "after the data's end"}: the data covers ${range}; give a time inside it, or --at end for the last book`,
        { at, data: flags.data },
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
