import { readFile } from 'node:fs/promises';
import { decompressFrameSync } from 'lz4-napi';
import { z } from 'zod';
import { InvalidInputError, parseConfig, type Instrument } from '@mm/core';
import { captureInstrument } from '../capture-instruments.js';
import { DecimalGrid } from '../decimal-grid.js';
import { DataQualityLog } from '../event-log/data-quality.js';
import { EventBuffer } from '../event-log/event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags } from '../event-log/event-row.js';
import type { EventLogMetadata } from '../event-log/event-log-file.js';
import { writeConvertedRows, type ConversionCounts } from '../event-log/convert-capture.js';
import { inReceiveOrder } from './tardis-csv.js';
import { forEachTextLine } from './text-lines.js';

/*
 * Hyperliquid's public historical data (https://hyperliquid.gitbook.io/hyperliquid-docs/historical-data
 * and, for trades, .../for-developers/nodes/l1-data-schemas), LZ4 frame files of JSON lines:
 * - `s3://hyperliquid-archive/market_data/[date]/[hour]/l2Book/[coin].lz4`: L2 book snapshots
 *   (about two a second, 20 levels a side), one a line:
 *   `{"time":"2025-03-11T09:00:03.296545473","ver_num":1,"raw":{"channel":"l2Book","data":{"coin":"SOL",
 *   "time":1741683599768,"levels":[[bids {px,sz,n}],[asks]]}}}`. `time` is the archiver's receive
 *   time (UTC, ns digits, no zone), `raw` the WebSocket message as sent, `data.time` the venue's (ms).
 *   The archive holds no trades ("No other historical data sets are provided via s3 (e.g. trades ...)").
 * - Trades come from the node data bucket, `s3://hl-mainnet-node-data/node_trades/hourly/[date]/[hour].lz4`,
 *   every coin in one file, one trade a line: `{"coin":"COMP","side":"B","time":"2024-07-26T08:26:25.899",
 *   "px":"51.367","sz":"0.31","hash":"0x…","trade_dir_override":"Na","side_info":[buyer, seller]}`;
 *   `side` is the aggressor's as on the WebSocket (B bought, A sold), `time` the block's (UTC, ms).
 *   A node trade has no receive time: it is given the smallest receive delay the l2Book lines
 *   show (a trade arrives as fast as the fastest book), so after the receive clock is moved onto
 *   the venue's (`writeConvertedRows`) trades are delivered with no delay. Without l2Book files
 *   that delay is 0.
 *   (Newer node data, `node_fills` / `node_fills_by_block`, is one row per side of a fill; not read here.)
 * Files may be `.lz4` (as downloaded), plain (after `unlz4`) or gzip.
 */

export const importHyperliquidArchiveOptionsSchema = z.strictObject({
  /** l2Book and node_trades files (lz4, plain or gzip), any mix, of one coin's market; read in the order given. */
  inputs: z.array(z.string().min(1)).min(1),
  output: z.string().min(1),
  /** The coin to keep (node_trades files hold every coin); by default the first l2Book line's. */
  symbol: z.string().min(1).optional(),
  instrument: z
    .strictObject({
      tickSize: z.string().min(1).optional(),
      lotSize: z.string().min(1).optional(),
      minNotional: z.number().nonnegative().optional(),
    })
    .default({}),
});

export type ImportHyperliquidArchiveOptions = z.input<typeof importHyperliquidArchiveOptionsSchema>;

/** Which of the two line shapes a file holds. */
export type HyperliquidArchiveKind = 'l2Book' | 'node_trades';

export interface ImportHyperliquidArchiveResult {
  metadata: EventLogMetadata;
  files: Array<{ file: string; kind: HyperliquidArchiveKind; rows: number }>;
}

/** A file or line this importer cannot use: names the file, the line and what it expected. */
export class HyperliquidArchiveFormatError extends InvalidInputError {}

const BOTH = EXCHANGE_EVENT | LOCAL_EVENT;
const BID = eventFlags(EventKind.BidLevel, BOTH);
const ASK = eventFlags(EventKind.AskLevel, BOTH);
const TRADE_BUY = eventFlags(EventKind.TradeBuy, BOTH);
const TRADE_SELL = eventFlags(EventKind.TradeSell, BOTH);
const CLEAR_BIDS = eventFlags(EventKind.ClearBids, BOTH);
const CLEAR_ASKS = eventFlags(EventKind.ClearAsks, BOTH);

const LZ4_FRAME_MAGIC = 0x184d2204;

/** True when the bytes start an LZ4 frame (the archive's compression). */
export function isLz4Frame(head: Uint8Array): boolean {
  return head.length >= 4 && (head[0]! | (head[1]! << 8) | (head[2]! << 16) | (head[3]! << 24)) >>> 0 === LZ4_FRAME_MAGIC;
}

/** The line shape of an archive line, or undefined. */
export function hyperliquidArchiveKind(line: string): HyperliquidArchiveKind | undefined {
  if (/^\{"time":"\d{4}-\d\d-\d\dT[^"]*","ver_num":\d+,"raw":\{/.test(line)) return 'l2Book';
  if (line.startsWith('{"coin":"') && line.includes('"side_info":[')) return 'node_trades';
  return undefined;
}

/**
 * Every line of an archive file: an LZ4 file is decompressed whole (the archive's files are one
 * hour of one coin, or one hour of node trades; memory is one file, not the run), plain and gzip
 * files are streamed.
 */
export async function forEachArchiveLine(file: string, onLine: (line: string, lineNumber: number) => boolean | void): Promise<void> {
  const bytes = await readFile(file).catch((error: Error) => {
    throw new HyperliquidArchiveFormatError(`cannot read '${file}': ${error.message}`, { file });
  });
  if (!isLz4Frame(bytes)) {
    await forEachTextLine(file, onLine);
    return;
  }
  let text: string;
  try {
    text = decompressFrameSync(bytes).toString('utf8');
  } catch (error) {
    throw new HyperliquidArchiveFormatError(`${file} starts like an LZ4 frame but does not decompress: ${(error as Error).message}`, {
      file,
    });
  }
  let start = 0;
  let lineNumber = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber += 1;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    if (onLine(line, lineNumber) === false) return;
    start = end + 1;
  }
}

/** `2025-03-11T09:00:03.296545473` (UTC, any number of fraction digits, optional `Z`) → µs since the epoch; NaN if malformed. */
export function archiveTimeUs(text: string): number {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z?$/.exec(text);
  if (match === null) return Number.NaN;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const wholeMs = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  // µs digits only: the ns digits below a µs are dropped (the event log is in µs).
  return wholeMs * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

interface Level {
  px: string;
  sz: string;
}

/**
 * Imports Hyperliquid archive files (the l2Book snapshots and node trades above) into a columnar
 * event log: each snapshot clears both sides and sets its levels, as the raw capture's `l2Book`
 * frames do; trades of the coin become trade rows. Rows are put in receive order across files.
 */
export async function importHyperliquidArchive(options: ImportHyperliquidArchiveOptions): Promise<ImportHyperliquidArchiveResult> {
  const config = parseConfig(importHyperliquidArchiveOptionsSchema, options, 'Hyperliquid archive import options');
  const symbol = config.symbol ?? (await firstBookCoin(config.inputs));
  const instrument = captureInstrument('hyperliquid', symbol, { overrides: config.instrument });
  const rows = new EventBuffer();
  const counts: ConversionCounts = { events: 0, depthLevelChanges: 0, snapshotLevels: 0, trades: 0, gaps: 0, rows: 0 };
  const quality = new DataQualityLog();
  const state: ImportState = { smallestBookDelayUs: Number.POSITIVE_INFINITY, tradeRows: [] };
  const files: ImportHyperliquidArchiveResult['files'] = [];
  for (const file of config.inputs) files.push({ file, ...(await importFile(file, symbol, instrument, rows, counts, quality, state)) });
  if (counts.snapshotLevels + counts.trades === 0) {
    throw new HyperliquidArchiveFormatError(`no l2Book snapshots or trades of '${symbol}' in ${config.inputs.join(', ')}`, { symbol });
  }
  const delay = Number.isFinite(state.smallestBookDelayUs) ? state.smallestBookDelayUs : 0;
  for (const index of state.tradeRows) rows.localTimeUs[index] = rows.exchTimeUs[index]! + delay;
  const dataQuality = quality.events();
  const metadata = await writeConvertedRows(
    inReceiveOrder(rows),
    counts,
    instrument,
    config.inputs,
    config.output,
    dataQuality.length > 0 ? { dataQuality } : {},
  );
  return { metadata, files };
}

interface ImportState {
  smallestBookDelayUs: number;
  /** Row indexes of trades, whose receive time is set once the books' delay is known. */
  tradeRows: number[];
}

async function firstBookCoin(files: readonly string[]): Promise<string> {
  for (const file of files) {
    let coin: string | undefined;
    await forEachArchiveLine(file, (line) => {
      if (line === '') return;
      if (hyperliquidArchiveKind(line) === 'l2Book') coin = (JSON.parse(line) as { raw?: { data?: { coin?: string } } }).raw?.data?.coin;
      return false;
    });
    if (coin !== undefined) return coin;
  }
  throw new HyperliquidArchiveFormatError(
    `no l2Book file among ${files.join(', ')} to tell the coin from (node_trades files hold every coin): give --symbol`,
  );
}

async function importFile(
  file: string,
  symbol: string,
  instrument: Instrument,
  rows: EventBuffer,
  counts: ConversionCounts,
  quality: DataQualityLog,
  state: ImportState,
): Promise<{ kind: HyperliquidArchiveKind; rows: number }> {
  const ticks = new DecimalGrid(instrument.tickSizeText);
  const lots = new DecimalGrid(instrument.lotSizeText);
  let kind: HyperliquidArchiveKind | undefined;
  let used = 0;
  let lastLocal = Number.NEGATIVE_INFINITY;
  let previousTrade = '';
  const fail = (line: number, problem: string): never => {
    throw new HyperliquidArchiveFormatError(`${file} line ${line}: ${problem}`, { file, line });
  };
  const units = (grid: DecimalGrid, text: unknown, line: number, what: string): number => {
    const value = typeof text === 'string' ? grid.parseText(text) : Number.NaN;
    if (!Number.isFinite(value)) fail(line, `${what} '${String(text)}' is not on ${symbol}'s ${grid.unitText} grid`);
    return value;
  };
  await forEachArchiveLine(file, (line, number) => {
    if (line === '') return;
    const shape = hyperliquidArchiveKind(line);
    if (kind === undefined) {
      if (shape === undefined) throw unknownLine(file, line);
      kind = shape;
    } else if (shape !== kind) {
      fail(number, `a ${shape ?? 'unknown'} line in a ${kind} file`);
    }
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      return fail(number, `not JSON (${(error as Error).message})`);
    }
    if (kind === 'l2Book') {
      if (record.ver_num !== 1) fail(number, `ver_num ${String(record.ver_num)}: this importer reads version 1`);
      const raw = record.raw as { channel?: unknown; data?: { coin?: unknown; time?: unknown; levels?: unknown } } | undefined;
      if (raw?.channel !== 'l2Book') fail(number, `raw.channel '${String(raw?.channel)}' is not l2Book`);
      const data = raw!.data!;
      if (data.coin !== symbol) return;
      const localTimeUs = archiveTimeUs(String(record.time));
      const venueTimeUs = typeof data.time === 'number' ? data.time * 1000 : Number.NaN;
      if (!Number.isFinite(localTimeUs) || !Number.isFinite(venueTimeUs))
        fail(number, `time '${String(record.time)}' / raw.data.time '${String(data.time)}' unreadable`);
      const levels = data.levels as [Level[], Level[]] | undefined;
      if (!Array.isArray(levels) || !Array.isArray(levels[0]) || !Array.isArray(levels[1]))
        fail(number, 'raw.data.levels is not [bids, asks]');
      if (localTimeUs < lastLocal)
        quality.note('clock-backwards', localTimeUs, () => `${file} line ${number}: time before the previous line's`);
      else lastLocal = localTimeUs;
      state.smallestBookDelayUs = Math.min(state.smallestBookDelayUs, localTimeUs - venueTimeUs);
      rows.push(CLEAR_BIDS, venueTimeUs, localTimeUs, Number.NaN, 0);
      rows.push(CLEAR_ASKS, venueTimeUs, localTimeUs, Number.NaN, 0);
      for (const [side, flags] of [
        [levels![0], BID],
        [levels![1], ASK],
      ] as const) {
        for (const level of side) {
          rows.push(flags, venueTimeUs, localTimeUs, units(ticks, level.px, number, 'px'), units(lots, level.sz, number, 'sz'));
          counts.snapshotLevels += 1;
        }
      }
    } else {
      if (record.coin !== symbol) return;
      const venueTimeUs = archiveTimeUs(String(record.time));
      if (!Number.isFinite(venueTimeUs)) fail(number, `time '${String(record.time)}' unreadable`);
      if (record.side !== 'B' && record.side !== 'A') fail(number, `side '${String(record.side)}' is neither B nor A`);
      // One published sample writes each trade twice, once per side: the copy is left out.
      const users = Array.isArray(record.side_info) ? (record.side_info as Array<{ user?: unknown }>).map((s) => s.user).join() : '';
      const key = `${String(record.time)} ${String(record.px)} ${String(record.sz)} ${String(record.hash)} ${users}`;
      if (key === previousTrade) {
        quality.note('trade-duplicated', venueTimeUs, `${file}: a trade written again (same time, price, size, hash, users), left out`);
        return;
      }
      previousTrade = key;
      state.tradeRows.push(rows.length);
      rows.push(
        record.side === 'B' ? TRADE_BUY : TRADE_SELL,
        venueTimeUs,
        Number.NaN,
        units(ticks, record.px, number, 'px'),
        units(lots, record.sz, number, 'sz'),
      );
      counts.trades += 1;
    }
    used += 1;
  });
  if (kind === undefined) throw new HyperliquidArchiveFormatError(`${file} is empty`, { file });
  return { kind, rows: used };
}

function unknownLine(file: string, line: string): HyperliquidArchiveFormatError {
  return new HyperliquidArchiveFormatError(
    `${file} is not a Hyperliquid archive file: its first line is '${line.slice(0, 120)}'; known: ` +
      `l2Book ({"time":"<UTC>","ver_num":1,"raw":{"channel":"l2Book","data":{...}}}), ` +
      `node_trades ({"coin":…,"side":"B"|"A","time":"<UTC>","px":…,"sz":…,"side_info":[…]})`,
    { file },
  );
}
