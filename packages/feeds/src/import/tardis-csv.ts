import { z } from 'zod';
import { InvalidInputError, parseConfig, type Instrument } from '@mm/core';
import { captureInstrument, type CaptureVenue } from '../capture-instruments.js';
import { DecimalGrid } from '../decimal-grid.js';
import type { FundingSeries } from '../funding/funding-series.js';
import { DataQualityLog } from '../event-log/data-quality.js';
import { EventBuffer } from '../event-log/event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags } from '../event-log/event-row.js';
import type { EventLogMetadata } from '../event-log/event-log-file.js';
import { writeConvertedRows, type ConversionCounts } from '../event-log/convert-capture.js';
import { forEachTextLine } from './text-lines.js';

/*
 * Tardis.dev downloadable CSV files (https://docs.tardis.dev/downloadable-csv-files/data-types):
 * comma-separated, LF, dot decimals, times in microseconds since the epoch, UTC. Every data type
 * starts with `exchange,symbol,timestamp,local_timestamp`: `timestamp` is the one "provided by
 * exchange" (the venue's clock; where the exchange gives none, Tardis copies `local_timestamp`),
 * `local_timestamp` the "message arrival timestamp" (our receive clock). Then:
 * - incremental_book_L2: `is_snapshot,side,price,amount`. `amount` is the level's new size, not a
 *   delta (0 removes the level); "if last update was not a snapshot and current one is, then
 *   existing order book state must be discarded"; rows of one message share `local_timestamp`;
 *   "files may contain non-snapshot updates before the first snapshot — skip these rows until you
 *   encounter the first is_snapshot=true row" (kept here as rows; the replay gives the strategy no
 *   book before a snapshot, which is the same rule for every format).
 * - trades: `id,side,price,amount`, `side` the liquidity taker's (aggressor's): buy, sell or unknown.
 * - book_snapshot_25 (and _5): `asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,...`,
 *   the top N levels after every update; empty cells where a side has fewer levels.
 * - quotes: `ask_amount,ask_price,bid_price,bid_amount`, the top of the book.
 * - derivative_ticker: `funding_timestamp,funding_rate,predicted_funding_rate,open_interest,
 *   last_price,index_price,mark_price`: `funding_rate` is the rate of the settlement at
 *   `funding_timestamp` (the next one), updated until it happens.
 * Columns are found by name, so their order does not matter.
 */

export type TardisDataType = 'incremental_book_L2' | 'trades' | 'book_snapshot' | 'quotes' | 'derivative_ticker';

const COMMON = ['exchange', 'symbol', 'timestamp', 'local_timestamp'];
const REQUIRED: Record<TardisDataType, string[]> = {
  incremental_book_L2: [...COMMON, 'is_snapshot', 'side', 'price', 'amount'],
  trades: [...COMMON, 'side', 'price', 'amount'],
  book_snapshot: [...COMMON, 'asks[0].price', 'asks[0].amount', 'bids[0].price', 'bids[0].amount'],
  quotes: [...COMMON, 'ask_amount', 'ask_price', 'bid_price', 'bid_amount'],
  derivative_ticker: [...COMMON, 'funding_timestamp', 'funding_rate'],
};

/** Tardis exchange ids → the venue whose rules apply (the ones this project has rules for). */
const TARDIS_VENUES: Record<string, CaptureVenue> = { 'binance-futures': 'binance-usdm', hyperliquid: 'hyperliquid' };

/** The Tardis data type a CSV header names, or undefined. */
export function tardisDataType(header: string): TardisDataType | undefined {
  const columns = new Set(header.trim().split(','));
  if (!COMMON.every((column) => columns.has(column))) return undefined;
  for (const type of ['incremental_book_L2', 'book_snapshot', 'quotes', 'derivative_ticker', 'trades'] as const) {
    if (REQUIRED[type].every((column) => columns.has(column))) return type;
  }
  return undefined;
}

export const importTardisOptionsSchema = z.strictObject({
  /** Tardis CSV files (gzip or plain), any mix of data types, of one symbol; read in the order given. */
  inputs: z.array(z.string().min(1)).min(1),
  output: z.string().min(1),
  /** The symbol to keep; by default the first file's. */
  symbol: z.string().min(1).optional(),
  /** The venue whose rules apply; by default from the `exchange` column (binance-futures → binance-usdm). */
  venue: z.enum(['binance-usdm', 'hyperliquid']).optional(),
  instrument: z
    .strictObject({
      tickSize: z.string().min(1).optional(),
      lotSize: z.string().min(1).optional(),
      minNotional: z.number().nonnegative().optional(),
    })
    .default({}),
});

export type ImportTardisOptions = z.input<typeof importTardisOptionsSchema>;

export interface ImportTardisResult {
  metadata: EventLogMetadata;
  /** Files read, with their data type and the rows used. */
  files: Array<{ file: string; type: TardisDataType; rows: number }>;
  /** Settled funding from derivative_ticker files (a series for `runBacktest`'s `funding`), if any. */
  funding?: FundingSeries;
}

const BOTH = EXCHANGE_EVENT | LOCAL_EVENT;
const BID = eventFlags(EventKind.BidLevel, BOTH);
const ASK = eventFlags(EventKind.AskLevel, BOTH);
const TRADE_BUY = eventFlags(EventKind.TradeBuy, BOTH);
const TRADE_SELL = eventFlags(EventKind.TradeSell, BOTH);
const CLEAR_BIDS = eventFlags(EventKind.ClearBids, BOTH);
const CLEAR_ASKS = eventFlags(EventKind.ClearAsks, BOTH);

/** A CSV this importer cannot use: says what it saw and what it reads. */
export class TardisFormatError extends InvalidInputError {}

/** First line and first data row of a file, for detection and the instrument. */
async function peek(file: string): Promise<{ header: string; first: string | undefined }> {
  let header = '';
  let first: string | undefined;
  await forEachTextLine(file, (line, number) => {
    if (number === 1) header = line;
    else if (line !== '') first = line;
    return first === undefined;
  });
  return { header, first };
}

/**
 * Imports Tardis.dev CSV files into a columnar event log (see the format notes above): books
 * (incremental L2, top-N snapshots, quotes) and trades become rows on the two clocks, files are
 * merged by receive time, the receive clock is moved onto the venue's like every capture. Funding
 * from derivative_ticker comes back as a series (mark and index prices are not kept). Lines are
 * streamed; the rows of the run are held (41 bytes a row) to sort them.
 */
export async function importTardis(options: ImportTardisOptions): Promise<ImportTardisResult> {
  const config = parseConfig(importTardisOptionsSchema, options, 'Tardis import options');
  const { header: firstHeader, first } = await peek(config.inputs[0]!);
  if (tardisDataType(firstHeader) === undefined) throw unknownHeader(config.inputs[0]!, firstHeader);
  const firstCells = (first ?? '').split(',');
  const firstColumns = firstHeader.split(',');
  const exchange = firstCells[firstColumns.indexOf('exchange')] ?? '';
  const symbol = config.symbol ?? firstCells[firstColumns.indexOf('symbol')] ?? '';
  if (symbol === '')
    throw new TardisFormatError(`${config.inputs[0]}: no data rows to tell the symbol from; give --symbol`, { file: config.inputs[0] });
  const venue = config.venue ?? TARDIS_VENUES[exchange];
  if (venue === undefined) {
    throw new TardisFormatError(
      `${config.inputs[0]}: Tardis exchange '${exchange}' has no venue rules here (known: ${Object.keys(TARDIS_VENUES).join(', ')}); give --venue and the instrument's --tick-size/--lot-size/--min-notional`,
      { exchange },
    );
  }
  const instrument = captureInstrument(venue, symbol, { overrides: config.instrument });
  const rows = new EventBuffer();
  const counts: ConversionCounts = { events: 0, depthLevelChanges: 0, snapshotLevels: 0, trades: 0, gaps: 0, rows: 0 };
  const quality = new DataQualityLog();
  const note = quality.note.bind(quality);
  const files: ImportTardisResult['files'] = [];
  const fundingTimes: number[] = [];
  const fundingRates: number[] = [];
  for (const file of config.inputs) {
    const used = await importFile(file, symbol, instrument, rows, counts, note, { times: fundingTimes, rates: fundingRates });
    files.push({ file, ...used });
  }
  if (counts.depthLevelChanges + counts.snapshotLevels + counts.trades === 0 && fundingTimes.length === 0) {
    throw new TardisFormatError(`no rows for '${symbol}' in ${config.inputs.join(', ')}`, { symbol });
  }
  const dataQuality = quality.events();
  const metadata = await writeConvertedRows(
    inReceiveOrder(rows),
    counts,
    instrument,
    config.inputs,
    config.output,
    dataQuality.length > 0 ? { dataQuality } : {},
  );
  const result: ImportTardisResult = { metadata, files };
  if (fundingTimes.length > 1) {
    const spacing = fundingTimes[1]! - fundingTimes[0]!;
    result.funding = {
      name: `Tardis derivative_ticker ${symbol}`,
      symbol,
      intervalUs: spacing,
      timesUs: Float64Array.from(fundingTimes),
      rates: Float64Array.from(fundingRates),
      utcOffsetHours: 0,
    };
  }
  return result;
}

/**
 * The rows of several files merged into one receive order (ties in file order), as a capture's
 * lines would be: the event-order correction breaks ties in venue time by this order, so a trade
 * and a book change in the same venue millisecond are applied in the order they were received.
 */
export function inReceiveOrder(rows: EventBuffer): EventBuffer {
  const order = new Uint32Array(rows.length);
  for (let index = 0; index < rows.length; index += 1) order[index] = index;
  const local = rows.localTimeUs;
  order.sort((a, b) => local[a]! - local[b]! || a - b);
  const sorted = new EventBuffer();
  for (const index of order)
    sorted.push(rows.flags[index]!, rows.exchTimeUs[index]!, local[index]!, rows.priceTicks[index]!, rows.sizeLots[index]!);
  return sorted;
}

function unknownHeader(file: string, header: string): TardisFormatError {
  return new TardisFormatError(
    `${file} is not a Tardis CSV this importer reads: its first line is '${header.slice(0, 120)}'; known data types: ` +
      Object.entries(REQUIRED)
        .map(([type, columns]) => `${type} (${columns.slice(4).join(',')})`)
        .join('; '),
    { file },
  );
}

async function importFile(
  file: string,
  symbol: string,
  instrument: Instrument,
  rows: EventBuffer,
  counts: ConversionCounts,
  note: DataQualityLog['note'],
  funding: { times: number[]; rates: number[] },
): Promise<{ type: TardisDataType; rows: number }> {
  const ticks = new DecimalGrid(instrument.tickSizeText);
  const lots = new DecimalGrid(instrument.lotSizeText);
  let type: TardisDataType | undefined;
  let column: Record<string, number> = {};
  let used = 0;
  let lastLocal = Number.NEGATIVE_INFINITY;
  // incremental_book_L2 state: whether the previous row was a snapshot row, and whether any was seen.
  let inSnapshot = false;
  let synced = false;
  let depth = 0;
  let lastSnapshotKey = '';
  let pendingFunding: { at: number; rate: number } | undefined;
  const price = (text: string | undefined, line: number): number => {
    const value = ticks.parseText(text ?? '');
    if (!Number.isFinite(value))
      throw new TardisFormatError(`${file} line ${line}: price '${text}' is not on ${symbol}'s ${ticks.unitText} tick`, { file, line });
    return value;
  };
  const size = (text: string | undefined, line: number): number => {
    const value = lots.parseText(text ?? '');
    if (!Number.isFinite(value))
      throw new TardisFormatError(`${file} line ${line}: amount '${text}' is not a multiple of ${symbol}'s ${lots.unitText} lot`, {
        file,
        line,
      });
    return value;
  };
  await forEachTextLine(file, (line, number) => {
    if (number === 1) {
      type = tardisDataType(line);
      if (type === undefined) throw unknownHeader(file, line);
      const names = line.trim().split(',');
      column = Object.fromEntries(names.map((name, index) => [name, index]));
      if (type === 'book_snapshot') while (column[`asks[${depth}].price`] !== undefined) depth += 1;
      return;
    }
    if (line === '') return;
    const cells = line.split(',');
    if (cells[column.symbol!] !== symbol) return;
    const venueTimeUs = Number(cells[column.timestamp!]);
    const localTimeUs = Number(cells[column.local_timestamp!]);
    if (!Number.isFinite(venueTimeUs) || !Number.isFinite(localTimeUs)) {
      throw new TardisFormatError(
        `${file} line ${number}: timestamp '${cells[column.timestamp!]}' / local_timestamp '${cells[column.local_timestamp!]}' are not microseconds`,
        { file, line: number },
      );
    }
    if (localTimeUs < lastLocal)
      note(
        'clock-backwards',
        localTimeUs,
        () => `${file} line ${number}: local_timestamp ${localTimeUs} before the previous row's ${lastLocal}`,
      );
    else lastLocal = localTimeUs;
    switch (type) {
      case 'incremental_book_L2': {
        const isSnapshot = cells[column.is_snapshot!] === 'true';
        if (isSnapshot && !inSnapshot) {
          rows.push(CLEAR_BIDS, venueTimeUs, localTimeUs, Number.NaN, 0);
          rows.push(CLEAR_ASKS, venueTimeUs, localTimeUs, Number.NaN, 0);
          synced = true;
        }
        inSnapshot = isSnapshot;
        // Kept, like a capture's diffs before its REST snapshot: the replay gives the strategy no
        // book until the snapshot (Tardis advises skipping them; the replay's rule does that).
        if (!synced)
          note(
            'update-before-snapshot',
            localTimeUs,
            `${file}: non-snapshot rows before the first snapshot; the replay withholds the book until the snapshot`,
          );
        const side = cells[column.side!];
        if (side !== 'bid' && side !== 'ask')
          throw new TardisFormatError(`${file} line ${number}: side '${side}' is neither bid nor ask`, { file, line: number });
        rows.push(
          side === 'bid' ? BID : ASK,
          venueTimeUs,
          localTimeUs,
          price(cells[column.price!], number),
          size(cells[column.amount!], number),
        );
        if (isSnapshot) counts.snapshotLevels += 1;
        else counts.depthLevelChanges += 1;
        break;
      }
      case 'trades': {
        const side = cells[column.side!];
        if (side !== 'buy' && side !== 'sell') {
          note('trade-side-unknown', localTimeUs, `${file}: trades without an aggressor side, left out`);
          return;
        }
        rows.push(
          side === 'buy' ? TRADE_BUY : TRADE_SELL,
          venueTimeUs,
          localTimeUs,
          price(cells[column.price!], number),
          size(cells[column.amount!], number),
        );
        counts.trades += 1;
        break;
      }
      case 'book_snapshot':
      case 'quotes': {
        // Each row is the whole top of the book: clear both sides, then its levels. Repeats of an
        // unchanged top (a row per update deeper down) are left out.
        const key = line.slice(line.indexOf(',', line.indexOf(',', line.indexOf(',', line.indexOf(',') + 1) + 1) + 1));
        if (key === lastSnapshotKey) return;
        lastSnapshotKey = key;
        rows.push(CLEAR_BIDS, venueTimeUs, localTimeUs, Number.NaN, 0);
        rows.push(CLEAR_ASKS, venueTimeUs, localTimeUs, Number.NaN, 0);
        const levels: Array<[string, string, number]> =
          type === 'quotes'
            ? [
                ['bid_price', 'bid_amount', BID],
                ['ask_price', 'ask_amount', ASK],
              ]
            : Array.from({ length: depth }, (_, level) => [
                [`bids[${level}].price`, `bids[${level}].amount`, BID] as [string, string, number],
                [`asks[${level}].price`, `asks[${level}].amount`, ASK] as [string, string, number],
              ]).flat();
        for (const [priceColumn, amountColumn, flags] of levels) {
          const priceText = cells[column[priceColumn]!];
          const amountText = cells[column[amountColumn]!];
          if (priceText === undefined || priceText === '' || amountText === undefined || amountText === '') continue;
          const lotsAt = size(amountText, number);
          if (lotsAt === 0) continue;
          rows.push(flags, venueTimeUs, localTimeUs, price(priceText, number), lotsAt);
          counts.snapshotLevels += 1;
        }
        break;
      }
      case 'derivative_ticker': {
        // The rate published for funding_timestamp is settled when the next one appears.
        const at = Number(cells[column.funding_timestamp!]);
        const rate = Number(cells[column.funding_rate!]);
        if (!Number.isFinite(at) || !Number.isFinite(rate) || cells[column.funding_rate!] === '') return;
        if (pendingFunding !== undefined && at > pendingFunding.at) {
          funding.times.push(pendingFunding.at);
          funding.rates.push(pendingFunding.rate);
        }
        if (pendingFunding === undefined || at >= pendingFunding.at) pendingFunding = { at, rate };
        break;
      }
    }
    used += 1;
  });
  if (type === undefined) throw new TardisFormatError(`${file} is empty: no header line`, { file });
  return { type, rows: used };
}
