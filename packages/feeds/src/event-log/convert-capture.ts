import { z } from 'zod';
import { parseConfig, type Instrument, type InstrumentSpec } from '@mm/core';
import type { LevelBuffer } from '@mm/book';
import { BinanceDepthSequencer } from '../binance-depth-sequencer.js';
import { BinanceUsdmParser } from '../binance-usdm-parser.js';
import type { BookUpdateScratch } from '../book-update-scratch.js';
import { BINANCE_USDM_BTCUSDT, HYPERLIQUID_BTC } from '../capture-instruments.js';
import { HyperliquidParser, type GapAwareVisitor } from '../hyperliquid-parser.js';
import type { MarketDataParser, MarketDataVisitor } from '../market-data-visitor.js';
import { replayCapture } from '../replay-capture.js';
import type { TradeScratch } from '../trade-scratch.js';
import { correctEventOrder } from './correct-event-order.js';
import { EventBuffer } from './event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags } from './event-row.js';
import { EVENT_LOG_FORMAT, EVENT_LOG_VERSION, writeEventLog, type EventLogMetadata } from './event-log-file.js';

const BOTH = EXCHANGE_EVENT | LOCAL_EVENT;
const BID = eventFlags(EventKind.BidLevel, BOTH);
const ASK = eventFlags(EventKind.AskLevel, BOTH);
const TRADE_BUY = eventFlags(EventKind.TradeBuy, BOTH);
const TRADE_SELL = eventFlags(EventKind.TradeSell, BOTH);
const CLEAR_BIDS = eventFlags(EventKind.ClearBids, BOTH);
const CLEAR_ASKS = eventFlags(EventKind.ClearAsks, BOTH);
const GAP = eventFlags(EventKind.Gap, BOTH);

export const convertCaptureOptionsSchema = z.strictObject({
  /** Capture files of one venue and instrument, in receive order (e.g. 07-18 then 07-19). */
  inputs: z.array(z.string().min(1)).min(1),
  output: z.string().min(1),
  venue: z.enum(['binance-usdm', 'hyperliquid']),
});

export type ConvertCaptureOptions = z.input<typeof convertCaptureOptionsSchema>;

export interface ConvertCaptureResult {
  metadata: EventLogMetadata;
}

/**
 * Converts raw captures (`<local ns> <json>` lines, gzip) into a columnar event log, so replays pay
 * no JSON parsing. Rows follow the venue's own rules for a local book:
 * - Binance USD-M: every diff's levels (those received before the REST snapshot too), the snapshot
 *   as "clear through its worst level" + its levels (a 1,000-level snapshot says nothing deeper),
 *   then again the buffered diffs the snapshot does not cover; later diffs in `U/u/pu` sequence,
 *   a Gap row before a diff that breaks it; stale diffs are left out.
 * - Hyperliquid: each `l2Book` frame is a whole 20-level book: clear both sides, then its levels.
 * Trades of both venues become trade rows; `bookTicker` is left out (the depth stream carries it).
 * The venue's clock is shifted when the receive clock runs behind it (see `venueClockOffsetUs`),
 * and rows are put in replay order (`correctEventOrder`). The converter holds one run's rows in
 * memory (41 bytes a row); the replay streams them.
 */
export async function convertCapture(options: ConvertCaptureOptions): Promise<ConvertCaptureResult> {
  const config = parseConfig(convertCaptureOptionsSchema, options, 'convert options');
  const instrument: Instrument = config.venue === 'binance-usdm' ? BINANCE_USDM_BTCUSDT : HYPERLIQUID_BTC;
  const rows = new EventBuffer();
  const counts = { events: 0, depthLevelChanges: 0, snapshotLevels: 0, trades: 0, gaps: 0, rows: 0 };
  const emitLevels = (levels: LevelBuffer, flags: number, venueTimeUs: number, localTimeUs: number) => {
    for (let index = 0; index < levels.count; index += 1) {
      rows.push(flags, venueTimeUs, localTimeUs, levels.priceTicks[index]!, levels.sizeLots[index]!);
    }
  };
  const trade = (scratch: TradeScratch) => {
    counts.trades += 1;
    rows.push(scratch.aggressorSide === 'buy' ? TRADE_BUY : TRADE_SELL, scratch.venueTimeUs, scratch.localTimeUs, scratch.priceTicks, scratch.sizeLots);
  };

  let parser: MarketDataParser;
  let visitor: MarketDataVisitor;
  if (config.venue === 'hyperliquid') {
    parser = new HyperliquidParser(instrument);
    const hyperliquidVisitor: GapAwareVisitor = {
      trade,
      // A recorder's gap marker (disconnect, stale stream, crash): the book may have moved unseen.
      gap(localTimeUs: number) {
        counts.gaps += 1;
        rows.push(GAP, localTimeUs, localTimeUs, Number.NaN, 0);
      },
      bookUpdate(update: BookUpdateScratch) {
        counts.snapshotLevels += update.levelCount;
        rows.push(CLEAR_BIDS, update.venueTimeUs, update.localTimeUs, Number.NaN, 0);
        rows.push(CLEAR_ASKS, update.venueTimeUs, update.localTimeUs, Number.NaN, 0);
        emitLevels(update.bids, BID, update.venueTimeUs, update.localTimeUs);
        emitLevels(update.asks, ASK, update.venueTimeUs, update.localTimeUs);
      },
    };
    visitor = hyperliquidVisitor;
  } else {
    parser = new BinanceUsdmParser(instrument);
    const sequencer = new BinanceDepthSequencer('continue');
    // Diffs received before the first snapshot: applied at once (best effort), kept to re-apply.
    const early: Array<{ first: number; final: number; prev: number; venueTimeUs: number; bids: Float64Array; asks: Float64Array }> = [];
    visitor = {
      trade,
      bookUpdate(update: BookUpdateScratch) {
        if (update.kind === 'snapshot') {
          counts.snapshotLevels += update.levelCount;
          const worstBid = update.bids.count > 0 ? update.bids.priceTicks[update.bids.count - 1]! : Number.NaN;
          const worstAsk = update.asks.count > 0 ? update.asks.priceTicks[update.asks.count - 1]! : Number.NaN;
          rows.push(CLEAR_BIDS, update.venueTimeUs, update.localTimeUs, worstBid, 0);
          rows.push(CLEAR_ASKS, update.venueTimeUs, update.localTimeUs, worstAsk, 0);
          emitLevels(update.bids, BID, update.venueTimeUs, update.localTimeUs);
          emitLevels(update.asks, ASK, update.venueTimeUs, update.localTimeUs);
          sequencer.onSnapshot(update.finalUpdateId);
          for (const diff of early) {
            if (sequencer.check(diff.first, diff.final, diff.prev) === 'stale') continue;
            for (let index = 0; index < diff.bids.length; index += 2) rows.push(BID, diff.venueTimeUs, update.localTimeUs, diff.bids[index]!, diff.bids[index + 1]!);
            for (let index = 0; index < diff.asks.length; index += 2) rows.push(ASK, diff.venueTimeUs, update.localTimeUs, diff.asks[index]!, diff.asks[index + 1]!);
          }
          early.length = 0;
          return;
        }
        counts.depthLevelChanges += update.levelCount;
        const verdict = sequencer.check(update.firstUpdateId, update.finalUpdateId, update.prevFinalUpdateId);
        if (verdict === 'stale') return;
        if (verdict === 'unsynced') {
          early.push({
            first: update.firstUpdateId,
            final: update.finalUpdateId,
            prev: update.prevFinalUpdateId,
            venueTimeUs: update.venueTimeUs,
            bids: interleave(update.bids),
            asks: interleave(update.asks),
          });
        } else if (verdict === 'gap') {
          counts.gaps += 1;
          rows.push(GAP, update.venueTimeUs, update.localTimeUs, Number.NaN, 0);
        }
        emitLevels(update.bids, BID, update.venueTimeUs, update.localTimeUs);
        emitLevels(update.asks, ASK, update.venueTimeUs, update.localTimeUs);
      },
    };
  }
  await replayCapture(config.inputs, parser, visitor);

  const venueClockOffsetUs = clockOffset(rows);
  if (venueClockOffsetUs !== 0) for (let index = 0; index < rows.length; index += 1) rows.exchTimeUs[index]! += venueClockOffsetUs;
  const ordered = correctEventOrder(rows);
  counts.events = counts.depthLevelChanges + counts.snapshotLevels + counts.trades;
  counts.rows = ordered.length;
  let firstLocal = Number.POSITIVE_INFINITY;
  let lastLocal = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < rows.length; index += 1) {
    firstLocal = Math.min(firstLocal, rows.localTimeUs[index]!);
    lastLocal = Math.max(lastLocal, rows.localTimeUs[index]!);
  }
  const spec: InstrumentSpec = {
    symbol: instrument.symbol,
    venue: instrument.venue,
    tickSize: instrument.tickSizeText,
    lotSize: instrument.lotSizeText,
    minNotional: instrument.minNotional,
    ...(instrument.maxSignificantFigures === undefined ? {} : { maxSignificantFigures: instrument.maxSignificantFigures }),
  };
  const metadata: EventLogMetadata = {
    format: EVENT_LOG_FORMAT,
    version: EVENT_LOG_VERSION,
    instrument: spec,
    sources: [...config.inputs],
    venueClockOffsetUs,
    counts,
    firstLocalTimeUs: Number.isFinite(firstLocal) ? firstLocal : 0,
    lastLocalTimeUs: Number.isFinite(lastLocal) ? lastLocal : 0,
  };
  await writeEventLog(config.output, ordered, metadata);
  return { metadata };
}

function interleave(levels: LevelBuffer): Float64Array {
  const values = new Float64Array(levels.count * 2);
  for (let index = 0; index < levels.count; index += 1) {
    values[2 * index] = levels.priceTicks[index]!;
    values[2 * index + 1] = levels.sizeLots[index]!;
  }
  return values;
}

/**
 * How far to shift venue times so no message is received before it was sent. Recorded receive
 * clocks can run behind the venue's (the 2024 Binance captures by ~1.3–1.5 s); a negative smallest
 * delay is clock error, not physics. The shift makes the smallest delay zero: it corrects the clock
 * without inventing latency. A receive clock that runs ahead is left alone.
 */
function clockOffset(rows: EventBuffer): number {
  let smallestDelay = Number.POSITIVE_INFINITY;
  for (let index = 0; index < rows.length; index += 1) {
    const delay = rows.localTimeUs[index]! - rows.exchTimeUs[index]!;
    if (delay < smallestDelay) smallestDelay = delay;
  }
  return Number.isFinite(smallestDelay) && smallestDelay < 0 ? -smallestDelay : 0;
}
