import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decompressFrameSync } from 'lz4-napi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HYPERLIQUID_0126, capturePath } from '../../test/captures.js';
import { HYPERLIQUID_BTC } from '../capture-instruments.js';
import { convertCapture } from '../event-log/convert-capture.js';
import { openEventLog, type EventLogMetadata } from '../event-log/event-log-file.js';
import { EXCHANGE_EVENT, EventKind, LOCAL_EVENT, kindOf } from '../event-log/event-row.js';
import { rebuildHyperliquidBook } from '../rebuild-book.js';
import { detectDataFormat } from './data-format.js';
import { exportCaptureToHyperliquidArchive, type HyperliquidArchiveExport } from './capture-to-hl-archive.js';
import { archiveTimeUs, importHyperliquidArchive } from './hyperliquid-archive.js';

const CAPTURE = capturePath(HYPERLIQUID_0126);
const work = mkdtempSync(path.join(tmpdir(), 'mm-hl-archive-'));
let archive: HyperliquidArchiveExport;
beforeAll(async () => {
  archive = await exportCaptureToHyperliquidArchive(CAPTURE, work);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Split {
  metadata: EventLogMetadata;
  /** Book rows (levels and clears) on the exchange timeline: kind, venue time, price, size. */
  exchangeBook: string[];
  /** Book rows on the strategy's timeline, at the recorded receive time (the clock shift taken back out). */
  localBook: string[];
  /** Trades: side, venue time, price, size, sorted. */
  trades: string[];
}

async function split(file: string): Promise<Split> {
  const reader = await openEventLog(file);
  const shift = reader.metadata.localClockShiftUs;
  const out: Split = { metadata: reader.metadata, exchangeBook: [], localBook: [], trades: [] };
  for await (const batch of reader.batches()) {
    for (let row = 0; row < batch.length; row += 1) {
      const flags = batch.flags[row]!;
      const kind = kindOf(flags);
      const what = `${kind} ${batch.priceTicks[row]} ${batch.sizeLots[row]}`;
      if (kind === EventKind.TradeBuy || kind === EventKind.TradeSell) {
        if (flags & EXCHANGE_EVENT) out.trades.push(`${what} @${batch.exchTimeUs[row]}`);
        continue;
      }
      if (flags & EXCHANGE_EVENT) out.exchangeBook.push(`${what} @${batch.exchTimeUs[row]}`);
      if (flags & LOCAL_EVENT) out.localBook.push(`${what} @${batch.localTimeUs[row]! - shift}`);
    }
  }
  out.trades.sort();
  return out;
}

describe('Hyperliquid archive import (the 2025-01-26 capture written out in the archive layout)', () => {
  it('writes the archive layout: hourly l2Book/<coin>.lz4 and node_trades/hourly/<date>/<hour>.lz4 JSON lines', () => {
    expect(archive.l2Book.map((file) => path.relative(work, file))).toEqual(['market_data/20250126/19/l2Book/BTC.lz4']);
    expect(archive.nodeTrades.map((file) => path.relative(work, file))).toEqual(['node_trades/hourly/20250126/19.lz4']);
    const first = decompressFrameSync(readFileSync(archive.l2Book[0]!)).toString('utf8').split('\n')[0]!;
    // The capture's first line is received at 1737918843893903000 ns = 2025-01-26T19:14:03.893903000 UTC.
    expect(first.startsWith('{"time":"2025-01-26T19:14:03.893903000","ver_num":1,"raw":{"channel":"l2Book","data":{"coin":"BTC"')).toBe(
      true,
    );
    expect(archive.rows.l2Book).toBe(46);
  });

  it('rebuilds the same book at every snapshot as the raw capture, with the same trades', async () => {
    const output = path.join(work, 'archive.arrow');
    const { metadata, files } = await importHyperliquidArchive({ inputs: [...archive.l2Book, ...archive.nodeTrades], output });
    expect(files.map((file) => [file.kind, file.rows])).toEqual([
      ['l2Book', 46],
      ['node_trades', archive.rows.nodeTrades],
    ]);
    expect(metadata.instrument).toMatchObject({ symbol: 'BTC', venue: 'hyperliquid', tickSize: '0.1', maxSignificantFigures: 5 });
    // Known facts of the capture (rebuild and convert tests): 46 whole 20-level snapshots, 64 trades.
    expect(metadata.counts).toMatchObject({ snapshotLevels: 46 * 40, trades: 64, depthLevelChanges: 0 });
    const raw = path.join(work, 'raw.arrow');
    await convertCapture({ inputs: [CAPTURE], output: raw, venue: 'hyperliquid' });
    const fromArchive = await split(output);
    const fromRaw = await split(raw);
    expect(fromArchive.exchangeBook.length).toBe(46 * 42);
    expect(fromArchive.exchangeBook).toEqual(fromRaw.exchangeBook);
    expect(fromArchive.localBook).toEqual(fromRaw.localBook);
    expect(fromArchive.trades).toEqual(fromRaw.trades);
    // Trades arrive with the books' smallest receive delay, so none is delivered before it happened.
    expect(metadata.receiveDelayUs.min).toBe(0);
  }, 60_000);

  it("ends on the raw capture's last book (the parser's own rebuild)", async () => {
    const output = path.join(work, 'books-only.arrow');
    await importHyperliquidArchive({ inputs: archive.l2Book, output });
    const rebuild = await rebuildHyperliquidBook(CAPTURE, { instrument: HYPERLIQUID_BTC });
    const reader = await openEventLog(output);
    const bids = new Map<number, number>();
    const asks = new Map<number, number>();
    for await (const batch of reader.batches()) {
      for (let row = 0; row < batch.length; row += 1) {
        if ((batch.flags[row]! & LOCAL_EVENT) === 0) continue;
        const kind = kindOf(batch.flags[row]!);
        if (kind === EventKind.ClearBids) bids.clear();
        else if (kind === EventKind.ClearAsks) asks.clear();
        else if (kind === EventKind.BidLevel) bids.set(batch.priceTicks[row]!, batch.sizeLots[row]!);
        else if (kind === EventKind.AskLevel) asks.set(batch.priceTicks[row]!, batch.sizeLots[row]!);
      }
    }
    const sorted = (levels: Map<number, number>, descending: boolean) =>
      [...levels].sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0])).map(([price, size]) => ({ priceTicks: price, sizeLots: size }));
    expect(sorted(bids, true)).toEqual(rebuild.book.bids.levels());
    expect(sorted(asks, false)).toEqual(rebuild.book.asks.levels());
  });

  it('reads unlz4-ed files, leaves a doubled trade out, and is told apart from other formats', async () => {
    const plainBook = path.join(work, 'BTC');
    writeFileSync(plainBook, decompressFrameSync(readFileSync(archive.l2Book[0]!)));
    const lines = decompressFrameSync(readFileSync(archive.nodeTrades[0]!)).toString('utf8').trimEnd().split('\n');
    const doubled = path.join(work, 'trades-doubled');
    writeFileSync(doubled, `${[lines[0], lines[0], ...lines.slice(1)].join('\n')}\n`);
    const { metadata } = await importHyperliquidArchive({ inputs: [plainBook, doubled], output: path.join(work, 'plain.arrow') });
    expect(metadata.counts.trades).toBe(64);
    expect(metadata.dataQuality?.map((event) => [event.kind, event.count])).toEqual([['trade-duplicated', 1]]);
    expect((await detectDataFormat(archive.l2Book[0]!)).format).toBe('hl-archive');
    expect((await detectDataFormat(archive.nodeTrades[0]!)).format).toBe('hl-archive');
    expect((await detectDataFormat(plainBook)).format).toBe('hl-archive');
    expect((await detectDataFormat(CAPTURE)).format).toBe('capture');
  });

  it('names the file, line and problem of a bad line', async () => {
    const bad = path.join(work, 'bad');
    writeFileSync(bad, '{"time":"2025-01-26T19:14:03.1","ver_num":2,"raw":{"channel":"l2Book","data":{"coin":"BTC"}}}\n');
    await expect(importHyperliquidArchive({ inputs: [bad], output: path.join(work, 'x.arrow'), symbol: 'BTC' })).rejects.toThrow(
      /bad line 1: ver_num 2/,
    );
    const other = path.join(work, 'other');
    writeFileSync(other, 'exchange,symbol,timestamp\n');
    await expect(importHyperliquidArchive({ inputs: [other], output: path.join(work, 'x.arrow'), symbol: 'BTC' })).rejects.toThrow(
      /not a Hyperliquid archive file.*known: l2Book/,
    );
  });

  it('reads the archive clock as UTC to the microsecond', () => {
    expect(archiveTimeUs('2025-03-11T09:00:03.296545473')).toBe(Date.UTC(2025, 2, 11, 9, 0, 3) * 1000 + 296_545);
    expect(archiveTimeUs('2024-07-26T08:26:25.899')).toBe(Date.UTC(2024, 6, 26, 8, 26, 25) * 1000 + 899_000);
    expect(archiveTimeUs('2024-07-26 08:26:25')).toBeNaN();
  });
});
