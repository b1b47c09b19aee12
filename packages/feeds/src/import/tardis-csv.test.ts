import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderBook } from '@mm/book';
import { BINANCE_USDM_BTCUSDT } from '../capture-instruments.js';
import { convertCapture } from '../event-log/convert-capture.js';
import { openEventLog } from '../event-log/event-log-file.js';
import { EventKind, LOCAL_EVENT, kindOf } from '../event-log/event-row.js';
import { readFundingSeries } from '../funding/funding-series.js';
import { rebuildBinanceUsdmBook } from '../rebuild-book.js';
import { exportCaptureToTardis, type TardisExport } from './capture-to-tardis.js';
import { importTardis, tardisDataType } from './tardis-csv.js';

const DATA = path.resolve(import.meta.dirname, '../../../../../shared/data');
const CAPTURE = path.join(DATA, 'binance-usdm/btcusdt_20240808.gz');
const work = mkdtempSync(path.join(tmpdir(), 'mm-tardis-'));
let tardis: TardisExport;
let fullRebuild: OrderBook;
beforeAll(async () => {
  tardis = await exportCaptureToTardis(CAPTURE, work);
  fullRebuild = (await rebuildBinanceUsdmBook(CAPTURE, { instrument: BINANCE_USDM_BTCUSDT, snapshotScope: 'full' })).book;
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The strategy's book at the end of an event log: its local rows applied in order. */
async function finalLocalBook(file: string): Promise<OrderBook> {
  const reader = await openEventLog(file);
  const book = new OrderBook();
  for await (const batch of reader.batches()) {
    for (let row = 0; row < batch.length; row += 1) {
      if ((batch.flags[row]! & LOCAL_EVENT) === 0) continue;
      const kind = kindOf(batch.flags[row]!);
      const price = batch.priceTicks[row]!;
      if (kind === EventKind.BidLevel) book.bids.set(price, batch.sizeLots[row]!);
      else if (kind === EventKind.AskLevel) book.asks.set(price, batch.sizeLots[row]!);
      else if (kind === EventKind.ClearBids) {
        if (Number.isNaN(price)) book.bids.clear();
        else book.bids.clearThroughPrice(price);
      } else if (kind === EventKind.ClearAsks) {
        if (Number.isNaN(price)) book.asks.clear();
        else book.asks.clearThroughPrice(price);
      }
    }
  }
  return book;
}

async function allRows(file: string): Promise<string[]> {
  const reader = await openEventLog(file);
  const rows: string[] = [];
  for await (const batch of reader.batches()) {
    for (let row = 0; row < batch.length; row += 1)
      rows.push(`${batch.flags[row]} ${batch.exchTimeUs[row]} ${batch.localTimeUs[row]} ${batch.priceTicks[row]} ${batch.sizeLots[row]}`);
  }
  return rows;
}

describe('Tardis.dev CSV import (the 08-08 capture written out in Tardis format)', () => {
  it("incremental_book_L2 + trades rebuild the raw capture's book under a full snapshot reset", async () => {
    const output = path.join(work, 'l2.arrow');
    const { metadata, files } = await importTardis({ inputs: [tardis.incrementalBookL2, tardis.trades], output });
    expect(files.map((file) => file.type)).toEqual(['incremental_book_L2', 'trades']);
    expect(metadata.instrument.symbol).toBe('BTCUSDT');
    expect(metadata.instrument.venue).toBe('binance-usdm');
    const book = await finalLocalBook(output);
    // Known facts (shared data README, issue 23): 9,596 levels under a full reset, best bid 61659.7 × 1.486, best ask 61659.8 × 0.981.
    expect(book.levelCount).toBe(9_596);
    expect([book.bestBidTicks(), book.bestBidLots()]).toEqual([616_597, 1_486]);
    expect([book.bestAskTicks(), book.bestAskLots()]).toEqual([616_598, 981]);
    expect(book.bids.levels()).toEqual(fullRebuild.bids.levels());
    expect(book.asks.levels()).toEqual(fullRebuild.asks.levels());
    expect(metadata.counts.trades).toBe(tardis.rows.trades);
    // Row for row the same log as the raw capture's conversion with the same snapshot rule.
    const raw = path.join(work, 'raw-full.arrow');
    await convertCapture({ inputs: [CAPTURE], output: raw, snapshotScope: 'full' });
    expect(await allRows(output)).toEqual(await allRows(raw));
  }, 120_000);

  it("book_snapshot_25: the last snapshot is the raw book's top 25 levels a side", async () => {
    const output = path.join(work, 's25.arrow');
    await importTardis({ inputs: [tardis.bookSnapshot25], output });
    const book = await finalLocalBook(output);
    expect(book.bids.levels()).toEqual(fullRebuild.bids.levels(25));
    expect(book.asks.levels()).toEqual(fullRebuild.asks.levels(25));
  }, 60_000);

  it("quotes: the last quote is the raw book's best bid and ask", async () => {
    const output = path.join(work, 'quotes.arrow');
    await importTardis({ inputs: [tardis.quotes, tardis.trades], output });
    const book = await finalLocalBook(output);
    expect(book.levelCount).toBe(2);
    expect([book.bestBidTicks(), book.bestBidLots(), book.bestAskTicks(), book.bestAskLots()]).toEqual([616_597, 1_486, 616_598, 981]);
  }, 60_000);

  it('derivative_ticker: the rate published for each funding_timestamp is the settled series', async () => {
    // The real Binance series written as Tardis derivative_ticker rows: every hour, the rate of
    // the next settlement (as Binance's markPrice stream publishes it), mark and index left empty.
    const series = await readFundingSeries(path.join(DATA, 'funding/btcusdt_binance_funding.csv.gz'));
    const lines = [
      'exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price',
    ];
    const settlements = 30;
    for (let index = 1; index <= settlements; index += 1) {
      const at = series.timesUs[index]!;
      for (let hour = 8; hour >= 1; hour -= 1) {
        const time = at - hour * 3_600_000_000;
        lines.push(`binance-futures,BTCUSDT,${time},${time + 1000},${at},${series.rates[index]},,,,,`);
      }
    }
    const file = path.join(work, 'derivative_ticker.csv.gz');
    writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
    const trades = path.join(work, 'trades-for-ticker.csv');
    writeFileSync(
      trades,
      `exchange,symbol,timestamp,local_timestamp,id,side,price,amount\nbinance-futures,BTCUSDT,${series.timesUs[1]},${series.timesUs[1]! + 5},1,buy,61659.7,0.001\n`,
    );
    const { funding } = await importTardis({ inputs: [trades, file], output: path.join(work, 'ticker.arrow') });
    // Settled when the next funding_timestamp appears: all but the last.
    expect(Array.from(funding!.timesUs)).toEqual(Array.from(series.timesUs.slice(1, settlements)));
    expect(Array.from(funding!.rates)).toEqual(Array.from(series.rates.slice(1, settlements)));
    expect(funding!.intervalUs).toBe(8 * 3_600_000_000);
  });

  it('a file that is no Tardis CSV is refused with what it saw and the data types known', async () => {
    const file = path.join(work, 'other.csv');
    writeFileSync(file, 'time,bid,ask\n1,2,3\n');
    await expect(importTardis({ inputs: [file], output: path.join(work, 'x.arrow') })).rejects.toThrow(
      /first line is 'time,bid,ask'; known data types: incremental_book_L2 \(is_snapshot,side,price,amount\); trades/,
    );
    expect(tardisDataType(readFileSync(file, 'utf8').split('\n')[0]!)).toBeUndefined();
  });
});
