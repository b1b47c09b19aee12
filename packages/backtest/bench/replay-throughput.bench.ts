/**
 * Replay throughput benchmark (`pnpm bench`), two cases on the recorded Binance USD-M BTCUSDT
 * capture of 2024-08-08, replayed back to back with shifted timestamps until at least 10 M events:
 * - `basic`: the basic strategy in the engine against the simulated exchange (probabilistic queue
 *   model, 50 ms constant latency, Hyperliquid fees); its figures are the top-level ones that
 *   ../shared/tools/peer/compare.sh reads;
 * - `peerWork`: hftbacktest's own benchmark work (../shared/tools/peer/mm_bench.py): one lot 5 ticks
 *   outside the mid every 100 ms (`FixedOffsetStrategy`), 10 ms each way, conservative queue, fees
 *   2/7 bps, so the two backtesters are timed on the same work.
 * Events are counted as hftbacktest counts rows: one price-level change or one trade each (466,834
 * a pass). Writes bench/results.json (untracked); `pnpm bench --update` writes the committed bench/reference-results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { convertCapture, readEventLogBatches } from '@mm/feeds';
import { BasicStrategy, FixedOffsetStrategy } from '@mm/strategies';
import { runBacktest, type BacktestRunResult } from '../src/index.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** Child mode: one replay of `repeat` passes of a given event log, printing its peak RSS (MB). */
if (process.argv[2] === '--child') {
  const [, , , childLog, childRepeat] = process.argv;
  const result = await runBacktest({
    eventLogs: [childLog!],
    repeat: Number(childRepeat),
    strategy: new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } }),
  });
  console.log(JSON.stringify({ events: result.events, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
const capture = path.resolve(repositoryRoot, '..', 'shared', 'data', 'binance-usdm', 'btcusdt_20240808.gz');
const TARGET_EVENTS = 10_000_000;
const work = mkdtempSync(path.join(tmpdir(), 'mm-bench-'));
const eventLog = path.join(work, 'btcusdt_20240808.arrow');

const convertStarted = performance.now();
const { metadata } = await convertCapture({ inputs: [capture], output: eventLog });
const convertSeconds = (performance.now() - convertStarted) / 1000;
const repeat = Math.ceil(TARGET_EVENTS / metadata.counts.events);

// The floor: a bare loop reading the same rows from the same file, touching each row once.
const bareStarted = performance.now();
let bareRows = 0;
let checksum = 0;
for (let pass = 0; pass < repeat; pass += 1) {
  for (const batch of readEventLogBatches(eventLog)) {
    const sizes = batch.sizeLots;
    for (let row = 0; row < batch.length; row += 1) checksum += sizes[row]!;
    bareRows += batch.length;
  }
}
const bareSeconds = (performance.now() - bareStarted) / 1000;

const simulator = {
  queueModel: 'power-prob',
  queuePower: 2,
  latencyModel: 'constant',
  entryLatencyMs: 50,
  responseLatencyMs: 50,
  feeVenue: 'hyperliquid',
} as const;
const run = async (): Promise<BacktestRunResult> =>
  runBacktest({
    eventLogs: [eventLog],
    repeat,
    strategy: new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } }),
    simulator,
  });

// Run 1 includes V8's compilation of the hot loop (as a first numba call includes its JIT); runs 2
// and 3 are warm. The figure is the best warm run; all are recorded.
const runs: BacktestRunResult[] = [];
for (let index = 0; index < 3; index += 1) runs.push(await run());
const rates = runs.map((result) => result.events / result.wallSeconds);
const best = runs[rates.indexOf(Math.max(...rates.slice(1)))]!;

// The peer's work, timed the same way (run 1 cold, best of runs 2-3 warm).
const peerRuns: BacktestRunResult[] = [];
for (let index = 0; index < 3; index += 1) {
  peerRuns.push(
    await runBacktest({
      eventLogs: [eventLog],
      repeat,
      strategy: new FixedOffsetStrategy({ symbol: 'BTCUSDT', halfSpreadTicks: 5, orderLots: 1, intervalMs: 100, maxPositionLots: 1_000 }),
      simulator: { queueModel: 'conservative', entryLatencyMs: 10, responseLatencyMs: 10, makerFeeRate: 0.0002, takerFeeRate: 0.0007 },
      // The peer trades with no risk limits; ours are opened wide so it does the same work.
      risk: {
        maxOrdersPerMinute: 1_000_000,
        maxPositionUsdPerAsset: 1_000_000,
        maxTotalPositionUsd: 1_000_000,
        maxDailyLossUsd: 1_000_000,
        maxDrawdownPct: 100,
      },
      instrument: { minNotional: 0 },
    }),
  );
}
const peerRates = peerRuns.map((result) => result.events / result.wallSeconds);
const peerBest = peerRuns[peerRates.indexOf(Math.max(...peerRates.slice(1)))]!;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

// Memory in the length of the data: the same replay in fresh processes, 1x and 4x as long.
const childPeak = (passes: number): { events: number; peakRssMb: number } => {
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--child', eventLog, String(passes)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
};
const shortRun = childPeak(repeat);
const longRun = childPeak(repeat * 4);

const results = {
  benchmark: 'replay-throughput',
  date: new Date().toISOString(),
  replayEventsPerSecond: Math.round(best.events / best.wallSeconds),
  peakRssMb: Math.round(shortRun.peakRssMb),
  peakRssMbFourTimesLonger: Math.round(longRun.peakRssMb),
  peakRssNote: `peak RSS of a fresh process replaying ${shortRun.events.toLocaleString('en-US')} events, and ${longRun.events.toLocaleString('en-US')} (4x as long); this process (converter + bare loop + 3 runs) peaked at ${Math.round(peakRssMb)} MB`,
  coldRunEventsPerSecond: Math.round(rates[0]!),
  warmRunsEventsPerSecond: rates.slice(1).map(Math.round),
  events: best.events,
  wallSeconds: best.wallSeconds,
  rows: best.rows,
  bareLoopRowsPerSecond: Math.round(bareRows / bareSeconds),
  converterEventsPerSecond: Math.round(metadata.counts.events / convertSeconds),
  data: {
    capture: 'binance-usdm/btcusdt_20240808.gz (../shared/data)',
    eventsPerPass: metadata.counts.events,
    rowsPerPass: metadata.counts.rows,
    passes: repeat,
    note: 'the capture replayed back to back, each pass shifted in time to start 1 s after the previous one ended',
  },
  models: { ...best.simulator, strategy: 'basic (one post-only level a side, $200, inventory skew and pauses)' },
  fills: best.summary.fills,
  cases: {
    basic: {
      warmEventsPerSecond: Math.round(best.events / best.wallSeconds),
      coldEventsPerSecond: Math.round(rates[0]!),
      fills: best.summary.fills,
    },
    peerWork: {
      warmEventsPerSecond: Math.round(peerBest.events / peerBest.wallSeconds),
      coldEventsPerSecond: Math.round(peerRates[0]!),
      warmRunsEventsPerSecond: peerRates.slice(1).map(Math.round),
      fills: peerBest.summary.fills,
      postOnlyRejects: peerBest.summary.postOnlyRejects,
      models: { ...peerBest.simulator, strategy: "fixed-offset (1 lot, mid ± 5 ticks, every 100 ms): hftbacktest's mm_bench.py" },
    },
  },
  /** What was running beside the bench: figures from a busy machine are not comparable. */
  loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  checksum,
};
mkdirSync(path.join(repositoryRoot, 'bench'), { recursive: true });
// A run of `pnpm bench` must not dirty the tree: only --update rewrites the committed figures.
const resultsName = process.argv.includes('--update') ? 'reference-results.json' : 'results.json';
writeFileSync(path.join(repositoryRoot, 'bench', resultsName), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(
  `replay: ${(results.replayEventsPerSecond / 1e6).toFixed(2)} M events/s warm (cold ${(results.coldRunEventsPerSecond / 1e6).toFixed(2)} M/s), ` +
    `${results.events.toLocaleString('en-US')} events in ${best.wallSeconds.toFixed(2)} s, peak RSS ${results.peakRssMb} MB (4x as long: ${results.peakRssMbFourTimesLonger} MB); ` +
    `bare row loop ${(results.bareLoopRowsPerSecond / 1e6).toFixed(0)} M rows/s; converter ${(results.converterEventsPerSecond / 1e6).toFixed(2)} M events/s. Wrote bench/${resultsName}`,
);
console.table({
  basic: {
    'warm M ev/s': results.cases.basic.warmEventsPerSecond / 1e6,
    'cold M ev/s': results.cases.basic.coldEventsPerSecond / 1e6,
    fills: results.cases.basic.fills,
  },
  peerWork: {
    'warm M ev/s': results.cases.peerWork.warmEventsPerSecond / 1e6,
    'cold M ev/s': results.cases.peerWork.coldEventsPerSecond / 1e6,
    fills: results.cases.peerWork.fills,
  },
});
if (results.loadAverage[0]! > cpus().length)
  console.warn(`load average ${results.loadAverage[0]} on ${cpus().length} cores: these figures come from a busy machine`);
