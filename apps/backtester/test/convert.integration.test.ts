import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportCaptureToBinancePublic,
  exportCaptureToHyperliquidArchive,
  exportCaptureToTardis,
  exportEventLogToHftbacktest,
  type TardisExport,
} from '@mm/feeds';
import { convertCommand } from '../src/commands/convert-command.js';
import { replayCommand } from '../src/commands/replay-command.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const capture = path.resolve(repositoryRoot, '..', 'shared', 'data', 'binance-usdm', 'btcusdt_20240808.gz');
const work = mkdtempSync(path.join(tmpdir(), 'mm-convert-'));
let tardis: TardisExport;
beforeAll(async () => {
  tardis = await exportCaptureToTardis(capture, work);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('convert --from: the format told from the content', () => {
  it('reads Tardis CSV files and raw captures alike, by default from their content', async () => {
    const fromTardis = await convertCommand([
      '--data',
      `${tardis.incrementalBookL2},${tardis.trades}`,
      '--out',
      path.join(work, 't.arrow'),
    ]);
    expect(fromTardis).toMatch(/BTCUSDT on binance-usdm from Tardis incremental_book_L2 \([\d,]+ rows\), trades \(21,313 rows\)/);
    const fromCapture = await convertCommand(['--data', capture, '--out', path.join(work, 'c.arrow'), '--from', 'capture']);
    expect(fromCapture).toMatch(/BTCUSDT on binance-usdm from raw capture, 466,834 events/);
  }, 120_000);

  it('reads an hftbacktest .npz given its market, and asks for the market when it is missing', async () => {
    const npz = path.join(work, 'c.npz');
    await exportEventLogToHftbacktest(path.join(work, 'c.arrow'), npz);
    await expect(convertCommand(['--data', npz, '--out', path.join(work, 'n.arrow')])).rejects.toThrow(
      /names no market: give --venue and --symbol/,
    );
    const text = await convertCommand([
      '--data',
      npz,
      '--out',
      path.join(work, 'n.arrow'),
      '--venue',
      'binance-usdm',
      '--symbol',
      'BTCUSDT',
    ]);
    // Every row comes back (snapshot levels are depth events in the npz, so they count as level changes).
    expect(text).toMatch(/BTCUSDT on binance-usdm from hftbacktest \.npz, .* 21313 trades\), 492071 rows/);
  }, 120_000);

  it('reads Hyperliquid archive files (l2Book and node_trades, LZ4) from their content or --from hl-archive', async () => {
    const hyperliquid = path.resolve(repositoryRoot, '..', 'shared', 'data', 'hyperliquid', 'btcusd_20250126.gz');
    const archive = await exportCaptureToHyperliquidArchive(hyperliquid, path.join(work, 'hl'));
    const data = [...archive.l2Book, ...archive.nodeTrades].join(',');
    for (const from of [[], ['--from', 'hl-archive']]) {
      const text = await convertCommand(['--data', data, '--out', path.join(work, 'hl.arrow'), ...from]);
      expect(text).toMatch(
        /BTC on hyperliquid from Hyperliquid archive l2Book \(46 lines\), node_trades \(64 lines\), 1,904 events \(0 level changes, 1840 snapshot levels, 64 trades\)/,
      );
    }
    await expect(convertCommand(['--data', data, '--out', path.join(work, 'hl.arrow'), '--venue', 'binance-usdm'])).rejects.toThrow(
      /not binance-usdm: drop --venue/,
    );
  });

  it('reads Binance public-data aggTrades given --symbol, and says what to do with klines', async () => {
    const binance = await exportCaptureToBinancePublic(capture, work);
    await expect(convertCommand(['--data', binance.aggTrades, '--out', path.join(work, 'b.arrow')])).rejects.toThrow(/give --symbol/);
    const text = await convertCommand(['--data', binance.aggTradesNoHeader, '--out', path.join(work, 'b.arrow'), '--symbol', 'BTCUSDT']);
    expect(text).toMatch(
      new RegExp(`BTCUSDT on binance-usdm from Binance public-data aggTrades, ${binance.rows.aggTrades.toLocaleString('en-US')} events`),
    );
    await expect(
      convertCommand(['--data', binance.klines1m, '--out', path.join(work, 'k.arrow'), '--symbol', 'BTCUSDT', '--from', 'binance-public']),
    ).rejects.toThrow(/klines \(bars\).*readBinanceKlines/);
  }, 120_000);

  it('refuses a --from that the content contradicts, and a file of no known format, naming what it saw', async () => {
    await expect(convertCommand(['--data', capture, '--out', path.join(work, 'x.arrow'), '--from', 'tardis'])).rejects.toThrow(
      /holds capture data \('<ns> <json>' capture line\), not tardis/,
    );
    const other = path.join(work, 'prices.txt');
    writeFileSync(other, 'date;open;close\n2024-01-01;1;2\n');
    await expect(convertCommand(['--data', other, '--out', path.join(work, 'x.arrow')])).rejects.toThrow(
      /its first line is "date;open;close". Formats known: capture: .*tardis: Tardis.dev CSV/,
    );
    await expect(convertCommand(['--data', capture, '--out', path.join(work, 'x.arrow'), '--from', 'npz'])).rejects.toThrow(/--from/);
  });

  it('replays Tardis files directly (imported once into the cache), and lists what the import found', async () => {
    const out = path.join(work, 'replay-tardis');
    await replayCommand(['--data', `${tardis.incrementalBookL2},${tardis.trades}`, '--out', out, '--quiet', '--no-report'], repositoryRoot);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.venue).toBe('binance-usdm');
    expect(summary.fills).toBeGreaterThan(10);
    expect(summary.dataQuality.map((event: { kind: string }) => event.kind)).toContain('update-before-snapshot');
  }, 120_000);
});
