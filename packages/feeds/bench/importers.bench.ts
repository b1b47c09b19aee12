/**
 * Importer throughput (`pnpm bench`, after the replay cases): rows of source text read per second
 * by each importer on the shared captures and their copies in the other formats (written first by
 * the fixture exporters, not timed): the raw capture converter, Tardis incremental_book_L2 +
 * trades, the Hyperliquid archive (l2Book + node_trades, LZ4), Binance aggTrades. A "row" is one
 * source line (a capture message, a CSV row, an archive line); events (level changes + trades +
 * snapshot levels) are given too. Best of three runs each; the load average is recorded beside the
 * figures (the machine is shared). Merges an `importers` section into bench/results.json (bench/reference-results.json with --update).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import {
  convertCapture,
  exportCaptureToBinancePublic,
  exportCaptureToHyperliquidArchive,
  exportCaptureToTardis,
  importBinanceAggTrades,
  importHyperliquidArchive,
  importTardis,
  type EventLogMetadata,
} from '../src/index.js';
import { forEachTextLine } from '../src/import/text-lines.js';
import { forEachArchiveLine } from '../src/import/hyperliquid-archive.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const data = path.resolve(repositoryRoot, '..', 'shared', 'data');
const binance = path.join(data, 'binance-usdm', 'btcusdt_20240808.gz');
const hyperliquid = path.join(data, 'hyperliquid', 'btcusd_20250126.gz');
const work = mkdtempSync(path.join(tmpdir(), 'mm-bench-importers-'));

async function lines(files: readonly string[], archive = false): Promise<number> {
  let count = 0;
  for (const file of files) await (archive ? forEachArchiveLine : forEachTextLine)(file, (line) => void (line !== '' && (count += 1)));
  return count;
}

interface Figure {
  rows: number;
  events: number;
  bestSeconds: number;
  rowsPerSecond: number;
  eventsPerSecond: number;
  loadAverage1m: number;
}

async function measure(rows: number, run: () => Promise<EventLogMetadata>): Promise<Figure> {
  let best = Number.POSITIVE_INFINITY;
  let events = 0;
  const load = loadavg()[0]!;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const started = performance.now();
    events = (await run()).counts.events;
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return {
    rows,
    events,
    bestSeconds: best,
    rowsPerSecond: Math.round(rows / best),
    eventsPerSecond: Math.round(events / best),
    loadAverage1m: load,
  };
}

try {
  const tardis = await exportCaptureToTardis(binance, work);
  const archive = await exportCaptureToHyperliquidArchive(hyperliquid, work);
  const binancePublic = await exportCaptureToBinancePublic(binance, work);
  const tardisInputs = [tardis.incrementalBookL2, tardis.trades];
  const archiveInputs = [...archive.l2Book, ...archive.nodeTrades];
  const output = path.join(work, 'out.arrow');
  const cases = {
    captureConverter: await measure(await lines([binance]), async () => (await convertCapture({ inputs: [binance], output })).metadata),
    tardis: await measure(
      (await lines(tardisInputs)) - tardisInputs.length,
      async () => (await importTardis({ inputs: tardisInputs, output })).metadata,
    ),
    hyperliquidArchive: await measure(
      await lines(archiveInputs, true),
      async () => (await importHyperliquidArchive({ inputs: archiveInputs, output })).metadata,
    ),
    binanceAggTrades: await measure(
      (await lines([binancePublic.aggTrades])) - 1,
      async () => (await importBinanceAggTrades({ inputs: [binancePublic.aggTrades], output, symbol: 'BTCUSDT' })).metadata,
    ),
  };
  const resultsFile = path.join(repositoryRoot, 'bench', process.argv.includes('--update') ? 'reference-results.json' : 'results.json');
  const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
  results.importers = {
    date: new Date().toISOString(),
    note: 'rows = source lines read (capture messages, CSV rows, archive lines), best of 3; 08-08 Binance capture and its Tardis/aggTrades copies, the 2025-01-26 Hyperliquid capture as archive files (25 s, small); target >= 3 M rows/s',
    cases,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.table(
    Object.fromEntries(
      Object.entries(cases).map(([name, figure]) => [
        name,
        {
          rows: figure.rows,
          'M rows/s': figure.rowsPerSecond / 1e6,
          'M events/s': figure.eventsPerSecond / 1e6,
          load: figure.loadAverage1m,
        },
      ]),
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
