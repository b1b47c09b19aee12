import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { InvalidInputError } from '@mm/core';
import { BinanceBookRebuilder } from '../binance-book-rebuilder.js';
import { BinanceDepthSequencer } from '../binance-depth-sequencer.js';
import { BinanceUsdmParser } from '../binance-usdm-parser.js';
import type { BookUpdateScratch } from '../book-update-scratch.js';
import { captureInstrument } from '../capture-instruments.js';
import { convertibleVenue, inspectCapture } from '../capture-format.js';
import { replayCapture } from '../replay-capture.js';
import type { TradeScratch } from '../trade-scratch.js';

export interface TardisExport {
  incrementalBookL2: string;
  trades: string;
  bookSnapshot25: string;
  quotes: string;
  rows: { incrementalBookL2: number; trades: number; bookSnapshot25: number; quotes: number };
}

/**
 * A gzip CSV written line by line: every 16,384 lines become one gzip member appended to the file
 * (a gzip file may hold several; every reader joins them), so memory stays flat.
 */
class CsvWriter {
  private readonly fd: number;
  private pending: string[] = [];
  rows = 0;

  constructor(
    readonly path: string,
    header: string,
  ) {
    this.fd = openSync(path, 'w');
    this.pending.push(header);
  }

  line(text: string): void {
    this.pending.push(text);
    this.rows += 1;
    if (this.pending.length >= 16_384) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, gzipSync(`${this.pending.join('\n')}\n`));
    this.pending = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes a raw Binance USD-M capture out as Tardis.dev CSV files (see `tardis-csv.ts` for the
 * layout), the way Tardis builds them from the same WebSocket streams: `incremental_book_L2` (the
 * REST snapshot as `is_snapshot` rows; diffs received before it first, as non-snapshot rows a
 * reader skips; then the buffered diffs it does not cover and every later diff in `U/u/pu`
 * sequence, stale ones left out), `trades`, and, from the book rebuilt with a full reset at the
 * snapshot, `book_snapshot_25` and `quotes` after every change of the top. `timestamp` is the
 * venue time as the converter reads it (`T`), `local_timestamp` the recorded receive time in µs.
 * Prices and sizes are the capture's own, printed on the instrument's tick and lot. Used to make
 * the fixtures of the Tardis importer (the same market in both formats) and to hand our captures
 * to tools that read Tardis files.
 */
export async function exportCaptureToTardis(capture: string, outDir: string, options: { symbol?: string } = {}): Promise<TardisExport> {
  const content = await inspectCapture(capture);
  const venue = convertibleVenue(capture, content);
  if (venue !== 'binance-usdm')
    throw new InvalidInputError(`${capture}: only Binance USD-M captures are exported to Tardis CSV so far (this one holds ${venue})`, {
      capture,
    });
  const symbol = options.symbol ?? content.symbols[0]!;
  const instrument = captureInstrument(venue, symbol, { capturePath: capture });
  const base = path.join(outDir, `binance-futures_${symbol}`);
  const common = 'exchange,symbol,timestamp,local_timestamp';
  const l2 = new CsvWriter(`${base}_incremental_book_L2.csv.gz`, `${common},is_snapshot,side,price,amount`);
  const trades = new CsvWriter(`${base}_trades.csv.gz`, `${common},id,side,price,amount`);
  const levelColumns = Array.from(
    { length: 25 },
    (_, level) => `asks[${level}].price,asks[${level}].amount,bids[${level}].price,bids[${level}].amount`,
  ).join(',');
  const snapshots = new CsvWriter(`${base}_book_snapshot_25.csv.gz`, `${common},${levelColumns}`);
  const quotes = new CsvWriter(`${base}_quotes.csv.gz`, `${common},ask_amount,ask_price,bid_price,bid_amount`);
  const priceText = (ticks: number) => decimalText(ticks, instrument.tickSizeText);
  const sizeText = (lots: number) => decimalText(lots, instrument.lotSizeText);
  const prefix = (venueTimeUs: number, localTimeUs: number) => `binance-futures,${symbol},${venueTimeUs},${localTimeUs}`;

  const sequencer = new BinanceDepthSequencer('continue');
  const rebuilder = new BinanceBookRebuilder({ snapshotScope: 'full' });
  const early: Array<{ first: number; final: number; prev: number; venueTimeUs: number; lines: string[] }> = [];
  const topPrices = new Float64Array(25);
  const topSizes = new Float64Array(25);
  let lastTop = '';
  let lastQuote = '';
  const levelLines = (update: BookUpdateScratch, isSnapshot: boolean, venueTimeUs: number, localTimeUs: number): string[] => {
    const lines: string[] = [];
    const head = `${prefix(venueTimeUs, localTimeUs)},${isSnapshot}`;
    for (const [side, levels] of [
      ['bid', update.bids],
      ['ask', update.asks],
    ] as const) {
      for (let index = 0; index < levels.count; index += 1)
        lines.push(`${head},${side},${priceText(levels.priceTicks[index]!)},${sizeText(levels.sizeLots[index]!)}`);
    }
    return lines;
  };
  const writeTop = (update: BookUpdateScratch) => {
    if (rebuilder.stats.snapshots === 0) return;
    const book = rebuilder.book;
    const asks = book.asks.copyTopLevels(topPrices, topSizes, 25);
    const askCells = Array.from({ length: 25 }, (_, level) =>
      level < asks ? [priceText(topPrices[level]!), sizeText(topSizes[level]!)] : ['', ''],
    );
    const bids = book.bids.copyTopLevels(topPrices, topSizes, 25);
    const bidCells = Array.from({ length: 25 }, (_, level) =>
      level < bids ? [priceText(topPrices[level]!), sizeText(topSizes[level]!)] : ['', ''],
    );
    const top = askCells.map((ask, level) => `${ask[0]},${ask[1]},${bidCells[level]![0]},${bidCells[level]![1]}`).join(',');
    if (top !== lastTop) {
      lastTop = top;
      snapshots.line(`${prefix(update.venueTimeUs, update.localTimeUs)},${top}`);
    }
    const quote = `${askCells[0]![1]},${askCells[0]![0]},${bidCells[0]![0]},${bidCells[0]![1]}`;
    if (quote !== lastQuote) {
      lastQuote = quote;
      quotes.line(`${prefix(update.venueTimeUs, update.localTimeUs)},${quote}`);
    }
  };
  await replayCapture([capture], new BinanceUsdmParser(instrument), {
    trade(trade: TradeScratch) {
      const id = Number.isNaN(trade.tradeId) ? '' : String(trade.tradeId);
      trades.line(
        `${prefix(trade.venueTimeUs, trade.localTimeUs)},${id},${trade.aggressorSide},${priceText(trade.priceTicks)},${sizeText(trade.sizeLots)}`,
      );
    },
    bookUpdate(update: BookUpdateScratch) {
      rebuilder.apply(update);
      if (update.kind === 'snapshot') {
        for (const line of levelLines(update, true, update.venueTimeUs, update.localTimeUs)) l2.line(line);
        sequencer.onSnapshot(update.finalUpdateId);
        for (const diff of early) {
          if (sequencer.check(diff.first, diff.final, diff.prev) === 'stale') continue;
          // Re-applied at the snapshot's receive time, as the converter does.
          for (const line of diff.lines) l2.line(line.replace(/^([^,]*,[^,]*,[^,]*,)[^,]*/, `$1${update.localTimeUs}`));
        }
        early.length = 0;
      } else {
        const verdict = sequencer.check(update.firstUpdateId, update.finalUpdateId, update.prevFinalUpdateId);
        if (verdict === 'stale') return;
        const lines = levelLines(update, false, update.venueTimeUs, update.localTimeUs);
        if (verdict === 'unsynced')
          early.push({
            first: update.firstUpdateId,
            final: update.finalUpdateId,
            prev: update.prevFinalUpdateId,
            venueTimeUs: update.venueTimeUs,
            lines,
          });
        for (const line of lines) l2.line(line);
      }
      writeTop(update);
    },
  });
  for (const writer of [l2, trades, snapshots, quotes]) writer.close();
  return {
    incrementalBookL2: l2.path,
    trades: trades.path,
    bookSnapshot25: snapshots.path,
    quotes: quotes.path,
    rows: { incrementalBookL2: l2.rows, trades: trades.rows, bookSnapshot25: snapshots.rows, quotes: quotes.rows },
  };
}

/** `units × unit` as exact decimal text, e.g. 616597 × "0.1" → "61659.7". */
function decimalText(units: number, unitText: string): string {
  const decimals = unitText.includes('.') ? unitText.length - unitText.indexOf('.') - 1 : 0;
  const unitMantissa = Number(unitText.replace('.', ''));
  const digits = String(Math.round(units) * unitMantissa).padStart(decimals + 1, '0');
  if (decimals === 0) return digits;
  return `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
}
