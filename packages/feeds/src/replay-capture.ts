import type { Micros } from '@mm/core';
import { forEachCaptureFrame, readCaptureLines, type CaptureReadOptions } from './capture-line-reader.js';
import type { FeedEvent } from './feed-events.js';
import type { MarketDataParser, MarketDataVisitor } from './market-data-visitor.js';

export interface ReplayOptions extends CaptureReadOptions {
  /** Stop before the first line received after this local time (lines are in receive order). */
  untilLocalTimeUs?: Micros;
}

export interface ReplaySummary {
  lines: number;
  /** Messages handed to the visitor (a Hyperliquid trades frame counts one per trade). */
  messages: number;
  /** Local time of the last line replayed; NaN if none. */
  lastLocalTimeUs: Micros;
  /** True when `untilLocalTimeUs` cut the replay short. */
  stopped: boolean;
}

/**
 * Replays capture files in order through a parser into a visitor, scratch objects and all: the
 * allocation-light loop for backtests and book rebuilds.
 */
export async function replayCapture(
  files: string | readonly string[],
  parser: MarketDataParser,
  visitor: MarketDataVisitor,
  options: ReplayOptions = {},
): Promise<ReplaySummary> {
  const until = options.untilLocalTimeUs ?? Number.POSITIVE_INFINITY;
  const summary: ReplaySummary = { lines: 0, messages: 0, lastLocalTimeUs: Number.NaN, stopped: false };
  for (const file of typeof files === 'string' ? [files] : files) {
    const read = await forEachCaptureFrame(
      file,
      (bytes, start, end, localTimeUs) => {
        if (localTimeUs > until) {
          summary.stopped = true;
          return false;
        }
        summary.lines += 1;
        summary.lastLocalTimeUs = localTimeUs;
        summary.messages += parser.emitBytes(bytes, start, end, localTimeUs, visitor);
        return true;
      },
      options,
    );
    if (read.stopped) break;
  }
  return summary;
}

/** Object events from one capture file, in file order (allocates per event; for tools and tests). */
export async function* readCaptureEvents(
  path: string,
  parser: MarketDataParser,
  options: CaptureReadOptions = {},
): AsyncGenerator<FeedEvent> {
  const pending: FeedEvent[] = [];
  const collect: MarketDataVisitor = {
    bookUpdate: (update) => pending.push(update.toEvent()),
    trade: (trade) => pending.push(trade.toEvent()),
    bookTicker: (ticker) => pending.push(ticker.toEvent()),
  };
  for await (const line of readCaptureLines(path, options)) {
    parser.emit(line.payload, line.localTimeUs, collect);
    for (const event of pending) yield event;
    pending.length = 0;
  }
}
