import { z } from 'zod';
import { InvalidInputError, parseConfig } from '@mm/core';
import { captureInstrument } from '../capture-instruments.js';
import { DecimalGrid } from '../decimal-grid.js';
import { DataQualityLog } from '../event-log/data-quality.js';
import { EventBuffer } from '../event-log/event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags } from '../event-log/event-row.js';
import type { EventLogMetadata } from '../event-log/event-log-file.js';
import { writeConvertedRows, type ConversionCounts } from '../event-log/convert-capture.js';
import { forEachTextLine } from './text-lines.js';

/*
 * Binance public data (data.binance.vision, github.com/binance/binance-public-data), USD-M futures
 * (`data/futures/um/{daily,monthly}/...`), CSV after unzipping:
 * - aggTrades: `agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker`
 *   (older files have no header row; the same seven columns). `transact_time` in ms (spot files
 *   since 2025 in µs: told from the size), `is_buyer_maker` true when the buyer rested, i.e. the
 *   aggressor sold. An aggregate trade is the fills of one taker order at one price.
 * - klines: `open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
 *   taker_buy_quote_volume,ignore` (likewise with or without header).
 * The archive serves `.zip` files: unzip first (gzip and plain CSV are read as they are).
 */

const AGG_TRADE_COLUMNS = ['agg_trade_id', 'price', 'quantity', 'first_trade_id', 'last_trade_id', 'transact_time', 'is_buyer_maker'];
const KLINE_COLUMNS = [
  'open_time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close_time',
  'quote_volume',
  'count',
  'taker_buy_volume',
  'taker_buy_quote_volume',
  'ignore',
];
export const BINANCE_AGG_TRADES_HEADER = AGG_TRADE_COLUMNS.join(',');
export const BINANCE_KLINES_HEADER = KLINE_COLUMNS.join(',');

export type BinancePublicKind = 'aggTrades' | 'klines';

/** A CSV this reader cannot use: names the file, the line and what it expected. */
export class BinancePublicFormatError extends InvalidInputError {}

/** The kind of a Binance public-data CSV from its first line (a header, or a headerless data row); undefined if neither. */
export function binancePublicKind(line: string): BinancePublicKind | undefined {
  if (line === BINANCE_AGG_TRADES_HEADER) return 'aggTrades';
  if (line === BINANCE_KLINES_HEADER) return 'klines';
  const cells = line.split(',');
  if (cells.length === 7 && /^\d+$/.test(cells[0]!) && /^(true|false)$/i.test(cells[6]!) && /^\d{12,16}$/.test(cells[5]!))
    return 'aggTrades';
  if (cells.length === 12 && /^\d{12,16}$/.test(cells[0]!) && /^\d{12,16}$/.test(cells[6]!)) return 'klines';
  return undefined;
}

/** Binance's ms (futures) or µs (spot since 2025) times → µs. */
function toMicros(text: string): number {
  const value = Number(text);
  return value >= 1e14 ? value : value * 1000;
}

export const importBinanceAggTradesOptionsSchema = z.strictObject({
  /** aggTrades CSV files (plain or gzip) of one symbol, in time order. */
  inputs: z.array(z.string().min(1)).min(1),
  output: z.string().min(1),
  /** The symbol (the files do not name it; the archive's file names do). */
  symbol: z.string().min(1),
  instrument: z
    .strictObject({
      tickSize: z.string().min(1).optional(),
      lotSize: z.string().min(1).optional(),
      minNotional: z.number().nonnegative().optional(),
    })
    .default({}),
});

export type ImportBinanceAggTradesOptions = z.input<typeof importBinanceAggTradesOptionsSchema>;

const BOTH = EXCHANGE_EVENT | LOCAL_EVENT;
const TRADE_BUY = eventFlags(EventKind.TradeBuy, BOTH);
const TRADE_SELL = eventFlags(EventKind.TradeSell, BOTH);

/**
 * Imports Binance USD-M aggTrades CSVs into an event log of trades: one row per aggregate trade at
 * `transact_time` on both clocks (the files carry no receive time), the aggressor from
 * `is_buyer_maker`. A log with trades and no book: for trade-driven studies, or to join a book
 * from another source.
 */
export async function importBinanceAggTrades(
  options: ImportBinanceAggTradesOptions,
): Promise<{ metadata: EventLogMetadata; rows: number }> {
  const config = parseConfig(importBinanceAggTradesOptionsSchema, options, 'Binance aggTrades import options');
  const instrument = captureInstrument('binance-usdm', config.symbol, { overrides: config.instrument });
  const ticks = new DecimalGrid(instrument.tickSizeText);
  const lots = new DecimalGrid(instrument.lotSizeText);
  const rows = new EventBuffer();
  const counts: ConversionCounts = { events: 0, depthLevelChanges: 0, snapshotLevels: 0, trades: 0, gaps: 0, rows: 0 };
  const quality = new DataQualityLog();
  let lastTime = Number.NEGATIVE_INFINITY;
  for (const file of config.inputs) {
    await forEachTextLine(file, (line, number) => {
      if (line === '') return;
      if (number === 1) {
        if (binancePublicKind(line) !== 'aggTrades') throw notKind(file, line, 'aggTrades');
        if (line === BINANCE_AGG_TRADES_HEADER) return;
      }
      const cells = line.split(',');
      const timeUs = toMicros(cells[5] ?? '');
      const price = ticks.parseText(cells[1] ?? '');
      const size = lots.parseText(cells[2] ?? '');
      const maker = cells[6]?.toLowerCase();
      if (
        cells.length !== 7 ||
        !Number.isFinite(timeUs) ||
        !Number.isFinite(price) ||
        !Number.isFinite(size) ||
        (maker !== 'true' && maker !== 'false')
      )
        throw new BinancePublicFormatError(
          `${file} line ${number}: '${line.slice(0, 120)}' is not ${BINANCE_AGG_TRADES_HEADER} on ${config.symbol}'s ${ticks.unitText} tick / ${lots.unitText} lot`,
          { file, line: number },
        );
      if (timeUs < lastTime)
        quality.note('clock-backwards', timeUs, () => `${file} line ${number}: transact_time before the previous row's`);
      else lastTime = timeUs;
      rows.push(maker === 'true' ? TRADE_SELL : TRADE_BUY, timeUs, timeUs, price, size);
      counts.trades += 1;
    });
  }
  if (counts.trades === 0) throw new BinancePublicFormatError(`no aggregate trades in ${config.inputs.join(', ')}`);
  const dataQuality = quality.events();
  const metadata = await writeConvertedRows(
    rows,
    counts,
    instrument,
    config.inputs,
    config.output,
    dataQuality.length > 0 ? { dataQuality } : {},
  );
  return { metadata, rows: counts.trades };
}

/** Bars of a klines file as columns (times in µs, prices and volumes as numbers), for a bar-level replay. */
export interface BarSeries {
  interval: string | undefined;
  length: number;
  openTimeUs: Float64Array;
  closeTimeUs: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Base-asset volume. */
  volume: Float64Array;
  quoteVolume: Float64Array;
  tradeCount: Float64Array;
  /** Base-asset volume bought by takers. */
  takerBuyVolume: Float64Array;
}

/** Reads Binance klines CSVs (plain or gzip, with or without header) into one bar series, in file order. */
export async function readBinanceKlines(files: readonly string[], options: { interval?: string } = {}): Promise<BarSeries> {
  const columns: number[][] = Array.from({ length: 10 }, () => []);
  for (const file of files) {
    await forEachTextLine(file, (line, number) => {
      if (line === '') return;
      if (number === 1) {
        if (binancePublicKind(line) !== 'klines') throw notKind(file, line, 'klines');
        if (line === BINANCE_KLINES_HEADER) return;
      }
      const cells = line.split(',');
      const values = [
        toMicros(cells[0]!),
        toMicros(cells[6] ?? ''),
        ...[1, 2, 3, 4, 5, 7, 8, 9].map((index) => Number(cells[index] ?? '')),
      ];
      if (cells.length !== 12 || values.some((value) => !Number.isFinite(value)) || cells.slice(1, 6).some((cell) => cell === ''))
        throw new BinancePublicFormatError(`${file} line ${number}: '${line.slice(0, 120)}' is not ${BINANCE_KLINES_HEADER}`, {
          file,
          line: number,
        });
      const [, , , high, low] = values;
      if (high! < low!) throw new BinancePublicFormatError(`${file} line ${number}: high ${high} below low ${low}`, { file, line: number });
      values.forEach((value, index) => columns[index]!.push(value));
    });
  }
  const [openTimeUs, closeTimeUs, open, high, low, close, volume, quoteVolume, tradeCount, takerBuyVolume] = columns.map((column) =>
    Float64Array.from(column),
  ) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return {
    interval: options.interval,
    length: openTimeUs.length,
    openTimeUs,
    closeTimeUs,
    open,
    high,
    low,
    close,
    volume,
    quoteVolume,
    tradeCount,
    takerBuyVolume,
  };
}

function notKind(file: string, line: string, kind: BinancePublicKind): BinancePublicFormatError {
  return new BinancePublicFormatError(
    `${file} is not a Binance public-data ${kind} CSV: its first line is '${line.slice(0, 120)}'; expected the header ` +
      `${kind === 'aggTrades' ? BINANCE_AGG_TRADES_HEADER : BINANCE_KLINES_HEADER} or a data row of those columns (unzip .zip files first)`,
    { file },
  );
}
