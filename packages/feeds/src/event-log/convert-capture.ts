import { z } from 'zod';
import { InvalidInputError, parseConfig, type Instrument } from '@mm/core';
import type { LevelBuffer } from '@mm/book';
import { BinanceDepthSequencer } from '../binance-depth-sequencer.js';
import { BinanceUsdmParser } from '../binance-usdm-parser.js';
import type { BookUpdateScratch } from '../book-update-scratch.js';
import { captureInstrument, specOf, type CaptureVenue } from '../capture-instruments.js';
import { convertibleVenue, inspectCapture } from '../capture-format.js';
import { HyperliquidParser, type GapAwareVisitor } from '../hyperliquid-parser.js';
import type { MarketDataParser, MarketDataVisitor } from '../market-data-visitor.js';
import { replayCapture } from '../replay-capture.js';
import type { TradeScratch } from '../trade-scratch.js';
import { correctEventOrder } from './correct-event-order.js';
import { DataQualityLog } from './data-quality.js';
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
  /** Capture files of one venue, in receive order (e.g. 07-18 then 07-19). */
  inputs: z.array(z.string().min(1)).min(1),
  output: z.string().min(1),
  /** The venue; by default told from the first file's content (`inspectCapture`). */
  venue: z.enum(['binance-usdm', 'hyperliquid']).optional(),
  /** The symbol to convert (a log holds one); by default the only one in the file. */
  symbol: z.string().min(1).optional(),
  /**
   * What a Binance REST snapshot replaces (as `BinanceBookRebuilder`'s option): 'range' (default)
   * only its price range, keeping deeper levels learnt from earlier diffs; 'full' the whole book,
   * as the venue's recipe and Tardis's `is_snapshot` rows do.
   */
  snapshotScope: z.enum(['range', 'full']).default('range'),
  /** Corrections to the venue's rules for the symbol (e.g. a smaller minimum notional). */
  instrument: z
    .strictObject({
      tickSize: z.string().min(1).optional(),
      lotSize: z.string().min(1).optional(),
      minNotional: z.number().nonnegative().optional(),
    })
    .default({}),
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
 * The receive clock is moved onto the venue's so the smallest receive delay is 0 (see
 * `event-log-file.ts`, "The two clocks"), and rows are put in replay order (`correctEventOrder`). The converter holds one run's rows in
 * memory (41 bytes a row); the replay streams them.
 */
export async function convertCapture(options: ConvertCaptureOptions): Promise<ConvertCaptureResult> {
  const config = parseConfig(convertCaptureOptionsSchema, options, 'convert options');
  const { venue, symbol } = await venueAndSymbol(config.inputs[0]!, config.venue, config.symbol);
  const instrument: Instrument = captureInstrument(venue, symbol, { capturePath: config.inputs[0]!, overrides: config.instrument });
  const rows = new EventBuffer();
  const counts = { events: 0, depthLevelChanges: 0, snapshotLevels: 0, trades: 0, gaps: 0, rows: 0 };
  const emitLevels = (levels: LevelBuffer, flags: number, venueTimeUs: number, localTimeUs: number) => {
    for (let index = 0; index < levels.count; index += 1) {
      rows.push(flags, venueTimeUs, localTimeUs, levels.priceTicks[index]!, levels.sizeLots[index]!);
    }
  };
  // Receive times must not run backwards within a capture (a recorder's clock stepped back).
  const quality = new DataQualityLog();
  let lastLocal = Number.NEGATIVE_INFINITY;
  const checkClock = (localTimeUs: number) => {
    if (localTimeUs < lastLocal)
      quality.note('clock-backwards', localTimeUs, () => `receive time ${localTimeUs} µs before the previous message's ${lastLocal} µs`);
    else lastLocal = localTimeUs;
  };
  const trade = (scratch: TradeScratch) => {
    checkClock(scratch.localTimeUs);
    counts.trades += 1;
    rows.push(
      scratch.aggressorSide === 'buy' ? TRADE_BUY : TRADE_SELL,
      scratch.venueTimeUs,
      scratch.localTimeUs,
      scratch.priceTicks,
      scratch.sizeLots,
    );
  };

  let parser: MarketDataParser;
  let visitor: MarketDataVisitor;
  if (venue === 'hyperliquid') {
    parser = new HyperliquidParser(instrument);
    const hyperliquidVisitor: GapAwareVisitor = {
      trade,
      // A recorder's gap marker (disconnect, stale stream, crash): the book may have moved unseen.
      gap(localTimeUs: number) {
        counts.gaps += 1;
        // A marker has no venue time: NaN until the receive clock's shift is known (see below).
        rows.push(GAP, Number.NaN, localTimeUs, Number.NaN, 0);
      },
      bookUpdate(update: BookUpdateScratch) {
        checkClock(update.localTimeUs);
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
        checkClock(update.localTimeUs);
        if (update.kind === 'snapshot') {
          counts.snapshotLevels += update.levelCount;
          // A clear row's price: clear through it ('range'); NaN clears the whole side ('full').
          const full = config.snapshotScope === 'full';
          const worstBid = !full && update.bids.count > 0 ? update.bids.priceTicks[update.bids.count - 1]! : Number.NaN;
          const worstAsk = !full && update.asks.count > 0 ? update.asks.priceTicks[update.asks.count - 1]! : Number.NaN;
          rows.push(CLEAR_BIDS, update.venueTimeUs, update.localTimeUs, worstBid, 0);
          rows.push(CLEAR_ASKS, update.venueTimeUs, update.localTimeUs, worstAsk, 0);
          emitLevels(update.bids, BID, update.venueTimeUs, update.localTimeUs);
          emitLevels(update.asks, ASK, update.venueTimeUs, update.localTimeUs);
          sequencer.onSnapshot(update.finalUpdateId);
          for (const diff of early) {
            if (sequencer.check(diff.first, diff.final, diff.prev) === 'stale') continue;
            for (let index = 0; index < diff.bids.length; index += 2)
              rows.push(BID, diff.venueTimeUs, update.localTimeUs, diff.bids[index]!, diff.bids[index + 1]!);
            for (let index = 0; index < diff.asks.length; index += 2)
              rows.push(ASK, diff.venueTimeUs, update.localTimeUs, diff.asks[index]!, diff.asks[index + 1]!);
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
  if (counts.depthLevelChanges + counts.snapshotLevels + counts.trades === 0) {
    const seen = await inspectCapture(config.inputs[0]!).then(
      (content) => content.symbols.join(', '),
      () => 'none',
    );
    throw new InvalidInputError(`no ${venue} market data for '${symbol}' in ${config.inputs.join(', ')} (symbols seen: ${seen})`, {
      symbol,
    });
  }

  const dataQuality = quality.events();
  return {
    metadata: await writeConvertedRows(
      rows,
      counts,
      instrument,
      config.inputs,
      config.output,
      dataQuality.length > 0 ? { dataQuality } : {},
    ),
  };
}

/** Event counts of a conversion, as the log's metadata states them. */
export type ConversionCounts = EventLogMetadata['counts'];

/**
 * The common end of every importer: rows in receive order (both delivery bits) → the receive
 * clock moved onto the venue's (`shiftReceiveClock`), both timelines sorted (`correctEventOrder`),
 * metadata, and the file written.
 */
export async function writeConvertedRows(
  rows: EventBuffer,
  counts: ConversionCounts,
  instrument: Instrument,
  sources: readonly string[],
  output: string,
  extra: Pick<EventLogMetadata, 'dataQuality'> = {},
): Promise<EventLogMetadata> {
  const { localClockShiftUs, receiveDelayUs } = shiftReceiveClock(rows);
  const ordered = correctEventOrder(rows);
  counts.events = counts.depthLevelChanges + counts.snapshotLevels + counts.trades;
  counts.rows = ordered.length;
  let firstLocal = Number.POSITIVE_INFINITY;
  let lastLocal = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < rows.length; index += 1) {
    firstLocal = Math.min(firstLocal, rows.localTimeUs[index]!);
    lastLocal = Math.max(lastLocal, rows.localTimeUs[index]!);
  }
  const metadata: EventLogMetadata = {
    format: EVENT_LOG_FORMAT,
    version: EVENT_LOG_VERSION,
    instrument: specOf(instrument),
    sources: [...sources],
    clocks: { exchTimeUs: 'venue', localTimeUs: 'receive, shifted onto the venue clock' },
    localClockShiftUs,
    receiveDelayUs,
    counts,
    firstLocalTimeUs: Number.isFinite(firstLocal) ? firstLocal : 0,
    lastLocalTimeUs: Number.isFinite(lastLocal) ? lastLocal : 0,
    ...extra,
  };
  await writeEventLog(output, ordered, metadata);
  return metadata;
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
 * Moves the receive clock onto the venue's: adds `-min(local - venue)` to every receive time, so
 * the smallest delay is exactly 0 and every row has `local >= venue` (a recorder's clock running
 * behind the venue's would otherwise deliver messages before they were sent; one running ahead
 * would make the strategy trade on an old book). Gap markers, which carry no venue time, take
 * their shifted receive time as venue time.
 */
function shiftReceiveClock(rows: EventBuffer): { localClockShiftUs: number; receiveDelayUs: { min: number; max: number } } {
  let smallestDelay = Number.POSITIVE_INFINITY;
  for (let index = 0; index < rows.length; index += 1) {
    const delay = rows.localTimeUs[index]! - rows.exchTimeUs[index]!;
    if (delay < smallestDelay) smallestDelay = delay; // NaN (a gap marker) never compares smaller
  }
  const shift = Number.isFinite(smallestDelay) ? -smallestDelay : 0;
  let largestDelay = 0;
  for (let index = 0; index < rows.length; index += 1) {
    const local = rows.localTimeUs[index]! + shift;
    rows.localTimeUs[index] = local;
    if (Number.isNaN(rows.exchTimeUs[index]!)) rows.exchTimeUs[index] = local;
    const delay = local - rows.exchTimeUs[index]!;
    if (delay > largestDelay) largestDelay = delay;
  }
  return { localClockShiftUs: shift, receiveDelayUs: { min: 0, max: largestDelay } };
}

/** The venue and symbol to convert: given, or told from the first file's content. */
async function venueAndSymbol(
  file: string,
  venue: CaptureVenue | undefined,
  symbol: string | undefined,
): Promise<{ venue: CaptureVenue; symbol: string }> {
  if (venue !== undefined && symbol !== undefined) return { venue, symbol };
  const content = await inspectCapture(file);
  const found = convertibleVenue(file, content);
  if (venue !== undefined && venue !== found) {
    throw new InvalidInputError(
      `${file} holds ${found} messages (${content.evidence}), not ${venue}: drop --venue or give the right file`,
      { file },
    );
  }
  if (symbol !== undefined) return { venue: found, symbol };
  if (content.symbols.length === 1) return { venue: found, symbol: content.symbols[0]! };
  if (content.symbols.length === 0)
    throw new InvalidInputError(`${file}: no symbol found in its first ${content.linesRead} lines; give --symbol`, { file });
  throw new InvalidInputError(`${file} holds several symbols (${content.symbols.join(', ')}): choose one with --symbol`, {
    file,
    symbols: content.symbols,
  });
}
