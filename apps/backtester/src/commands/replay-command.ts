import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, InvalidInputError, parseConfig } from '@mm/core';
import { runBacktest, simulatorConfigSchema, type BacktestRunResult } from '@mm/backtest';
import { convertCapture, EVENT_LOG_VERSION, importTardis, openEventLog, readFundingSeries } from '@mm/feeds';
import { AdaptiveStrategy, BasicStrategy } from '@mm/strategies';
import { writeReport, type ReportInput } from '../report/index.js';
import { captureFlagsShape, captureMarket, type CaptureFlags, type CaptureMarket, type CaptureVenue } from './capture-venue.js';
import { inputFormat } from './convert-command.js';
import { listFlag, numberFlag, parseFlags } from './parse-flags.js';
import { outputPath, userPath } from './user-path.js';
import { startProgress, userDirectory } from '@mm/cli';

export const replayFlagsSchema = z.strictObject({
  data: listFlag,
  ...captureFlagsShape,
  config: z.string().optional(),
  repeat: numberFlag.pipe(z.number().int().min(1).max(10_000)).optional(),
  out: z.string().optional(),
  queueModel: z.enum(['conservative', 'power-prob']).optional(),
  /** 'top': replay from best bid/offer and trades only, with the top-of-book queue model. */
  book: z.enum(['full', 'top']).optional(),
  queuePower: numberFlag.pipe(z.number().positive()).optional(),
  latencyMs: numberFlag.pipe(z.number().nonnegative()).optional(),
  orderSizeUsd: numberFlag.pipe(z.number().positive()).optional(),
  baseSpreadBps: numberFlag.pipe(z.number().nonnegative()).optional(),
  maxPositionUsd: numberFlag.pipe(z.number().positive()).optional(),
  strategy: z.enum(['basic', 'adaptive']).default('basic'),
  /** A funding-rate CSV (`Symbol,Date,Funding Rate`, as in ../shared/data/funding) settled on the venue's schedule. */
  funding: z.string().optional(),
  /** The series' UTC day (YYYY-MM-DD) that stands in for the data's first day. */
  fundingAlign: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a UTC day as YYYY-MM-DD')
    .optional(),
  /** Hours between settlements (default: the venue's, Hyperliquid 1, Binance 8). */
  fundingIntervalHours: numberFlag.pipe(z.number().positive()).optional(),
  noReport: z.boolean().default(false),
  quiet: z.boolean().default(false),
});

/** A JSON config file; malformed JSON is a ConfigError naming the file and where it broke (it was a SyntaxError stack). */
function readJsonConfig(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = (error as Error).message;
    const position = /position (\d+)/.exec(detail);
    const where =
      position === null
        ? ''
        : (() => {
            const before = text.slice(0, Number(position[1]));
            const line = before.split('\n').length;
            const column = before.length - before.lastIndexOf('\n');
            return ` at line ${line}, column ${column}`;
          })();
    throw new ConfigError(`config file ${file}`, [{ field: '--config', problem: `not valid JSON${where}: ${detail}` }]);
  }
}

/** What a config file (`--config run.json`) may hold; flags override it. */
export const replayConfigFileSchema = z.strictObject({
  strategy: z.record(z.string(), z.unknown()).default({}),
  simulator: z.record(z.string(), z.unknown()).default({}),
  risk: z.record(z.string(), z.unknown()).default({}),
  capitalUsd: z.number().positive().default(5_000),
  repeat: z.number().int().min(1).default(1),
});

/**
 * Per-venue strategy defaults. The seed's $100 a side works on Hyperliquid ($10 minimum); on
 * Binance USD-M the $100 minimum notional and 0.001 BTC lots leave $100 as one 0.001 lot ($62),
 * below the minimum, so the default there is $200.
 */
const VENUE_DEFAULTS: Record<CaptureVenue, { orderSizeUsd: number }> = {
  hyperliquid: { orderSizeUsd: 100 },
  'binance-usdm': { orderSizeUsd: 200 },
};

export interface ReplayOutcome {
  result: BacktestRunResult;
  outDir: string;
  text: string;
}

/**
 * Raw captures are converted once into an event log kept under .cache, keyed by each file's path,
 * size and time, the market and rule overrides chosen, and the event-log version (a cache made by
 * an older converter is never reused).
 */
async function eventLogsFor(files: readonly string[], market: CaptureMarket, cacheDir: string): Promise<string[]> {
  const key = createHash('sha256')
    .update(JSON.stringify(files.map((file) => [path.resolve(file), statSync(file).size, statSync(file).mtimeMs])))
    .update(JSON.stringify({ version: EVENT_LOG_VERSION, venue: market.venue, symbol: market.symbol, overrides: market.overrides }))
    .digest('hex')
    .slice(0, 16);
  mkdirSync(cacheDir, { recursive: true });
  const output = path.join(cacheDir, `${path.basename(files[0]!).replace(/\.gz$/, '')}-${market.symbol}-${key}.arrow`);
  if (!existsSync(output)) {
    const progress = startProgress(`converting ${files.map((file) => path.basename(file)).join(', ')} once (cached for later replays)`);
    await convertCapture({
      inputs: files.map((file) => path.resolve(file)),
      output: `${output}.partial`,
      venue: market.venue,
      symbol: market.symbol,
      instrument: market.overrides,
    });
    renameSync(`${output}.partial`, output);
    progress.done();
  }
  return [output];
}

/** Tardis CSV files imported once into the cache (keyed like raw captures), with their market. */
async function tardisEventLogs(
  files: readonly string[],
  flags: CaptureFlags,
  cacheDir: string,
): Promise<{ venue: CaptureVenue; symbol: string; eventLogs: string[] }> {
  const overrides = {
    ...(flags.tickSize === undefined ? {} : { tickSize: flags.tickSize }),
    ...(flags.lotSize === undefined ? {} : { lotSize: flags.lotSize }),
    ...(flags.minNotional === undefined ? {} : { minNotional: flags.minNotional }),
  };
  const key = createHash('sha256')
    .update(JSON.stringify(files.map((file) => [path.resolve(file), statSync(file).size, statSync(file).mtimeMs])))
    .update(JSON.stringify({ version: EVENT_LOG_VERSION, format: 'tardis', venue: flags.venue, symbol: flags.symbol, overrides }))
    .digest('hex')
    .slice(0, 16);
  mkdirSync(cacheDir, { recursive: true });
  const output = path.join(cacheDir, `${path.basename(files[0]!).replace(/\.(csv\.gz|csv|gz)$/, '')}-tardis-${key}.arrow`);
  if (!existsSync(output)) {
    await importTardis({
      inputs: files.map((file) => path.resolve(file)),
      output: `${output}.partial`,
      ...(flags.symbol === undefined ? {} : { symbol: flags.symbol }),
      ...(flags.venue === undefined ? {} : { venue: flags.venue }),
      instrument: overrides,
    });
    renameSync(`${output}.partial`, output);
  }
  return { ...(await eventLogMarket(output)), eventLogs: [output] };
}

/** The venue and instrument of event logs given directly (.arrow): from their metadata. */
async function eventLogMarket(file: string): Promise<{ venue: CaptureVenue; symbol: string }> {
  const reader = await openEventLog(file);
  await reader.close();
  const venue = reader.metadata.instrument.venue;
  if (venue !== 'hyperliquid' && venue !== 'binance-usdm')
    throw new Error(`${file}: event log of venue '${venue}', which has no strategy defaults here`);
  return { venue, symbol: reader.metadata.instrument.symbol };
}

/** The replay's progress bar on a terminal; nothing on a pipe or in CI (a log is no place for redraws). */
function progressPrinter(quiet: boolean): ((fraction: number, rows: number) => void) | undefined {
  if (quiet || process.stderr.isTTY !== true) return undefined;
  return (fraction, rows) => {
    const percent = Math.min(100, Math.floor(fraction * 100));
    const filled = Math.round(percent / 4);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(25 - filled)}] ${percent}% ${(rows / 1e6).toFixed(1)}M rows`);
  };
}

/** `replay --data <file>[,<file>...] [...]`: a backtest of the basic strategy on recorded data. */
export async function replayCommand(argv: readonly string[], repositoryRoot: string): Promise<ReplayOutcome> {
  const parsed = parseFlags(argv, replayFlagsSchema, 'replay arguments', ['noReport', 'quiet']);
  const flags = {
    ...parsed,
    data: parsed.data.map((file) => userPath(file, '--data', true)),
    config: parsed.config === undefined ? undefined : userPath(parsed.config, '--config', true),
    out: parsed.out === undefined ? undefined : outputPath(parsed.out, '--out'),
    funding: parsed.funding === undefined ? undefined : userPath(parsed.funding, '--funding', true),
  };
  if (flags.funding === undefined && (flags.fundingAlign !== undefined || flags.fundingIntervalHours !== undefined)) {
    throw new InvalidInputError('--funding-align and --funding-interval-hours need --funding <series.csv>');
  }
  const fileConfig =
    flags.config === undefined
      ? parseConfig(replayConfigFileSchema, {}, 'replay config')
      : parseConfig(replayConfigFileSchema, readJsonConfig(flags.config), `replay config ${flags.config}`);
  const arrows = flags.data.filter((file) => file.endsWith('.arrow')).length;
  if (arrows > 0 && arrows < flags.data.length)
    throw new InvalidInputError('give either raw captures or event logs (.arrow) to --data, not both');
  let venue: CaptureVenue;
  let symbol: string;
  let eventLogs: string[];
  if (arrows > 0) {
    if (flags.tickSize !== undefined || flags.lotSize !== undefined || flags.symbol !== undefined) {
      throw new InvalidInputError(
        '--tick-size, --lot-size and --symbol are fixed when a capture is converted: give them to convert, or replay the raw capture',
      );
    }
    ({ venue, symbol } = await eventLogMarket(flags.data[0]!));
    eventLogs = flags.data;
  } else {
    const cacheDir = path.join(repositoryRoot, 'apps', 'backtester', '.cache');
    const format = await inputFormat(flags.data, 'auto');
    if (format === 'hftbacktest') {
      throw new InvalidInputError(
        'an hftbacktest .npz names no market: convert it first (convert --data <file.npz> --venue V --symbol S --out <file.arrow>), then replay the .arrow',
      );
    }
    if (format === 'tardis') {
      ({ venue, symbol, eventLogs } = await tardisEventLogs(flags.data, flags, cacheDir));
    } else {
      const market = await captureMarket(flags.data[0]!, flags);
      ({ venue, symbol } = market);
      eventLogs = await eventLogsFor(flags.data, market, cacheDir);
    }
  }
  const strategyInput = { ...fileConfig.strategy } as Record<string, unknown>;
  const quoter = {
    orderSizeUsd: VENUE_DEFAULTS[venue].orderSizeUsd,
    ...((strategyInput.quoter as Record<string, unknown> | undefined) ?? {}),
  };
  if (flags.orderSizeUsd !== undefined) quoter.orderSizeUsd = flags.orderSizeUsd;
  if (flags.baseSpreadBps !== undefined) (quoter as Record<string, unknown>).baseSpreadBps = flags.baseSpreadBps;
  if (flags.maxPositionUsd !== undefined) strategyInput.maxPositionUsd = flags.maxPositionUsd;
  const simulatorInput = { ...fileConfig.simulator } as Record<string, unknown>;
  if (flags.queueModel !== undefined) simulatorInput.queueModel = flags.queueModel;
  if (flags.queuePower !== undefined) simulatorInput.queuePower = flags.queuePower;
  if (flags.book !== undefined) simulatorInput.book = flags.book;
  if (flags.book === 'top' && flags.queueModel !== undefined)
    throw new InvalidInputError('--book top has its own queue model (behind the whole displayed best size): leave out --queue-model');
  if (flags.latencyMs !== undefined) {
    simulatorInput.entryLatencyMs = flags.latencyMs;
    simulatorInput.responseLatencyMs = flags.latencyMs;
  }
  // Validate the simulator config here too, so its errors name the config file's fields.
  parseConfig(simulatorConfigSchema, simulatorInput, 'simulator config');
  const strategy =
    flags.strategy === 'adaptive'
      ? new AdaptiveStrategy({ ...strategyInput, symbol, quoter })
      : new BasicStrategy({ ...strategyInput, symbol, quoter });
  const repeat = flags.repeat ?? fileConfig.repeat;
  const showProgress = progressPrinter(flags.quiet);
  const funding =
    flags.funding === undefined
      ? undefined
      : {
          series: await readFundingSeries(flags.funding),
          ...(flags.fundingAlign === undefined ? {} : { alignDay: flags.fundingAlign }),
          ...(flags.fundingIntervalHours === undefined ? {} : { intervalHours: flags.fundingIntervalHours }),
        };
  const result = await runBacktest({
    ...(funding === undefined ? {} : { funding }),
    eventLogs,
    repeat,
    strategy,
    simulator: simulatorInput,
    risk: fileConfig.risk,
    capitalUsd: fileConfig.capitalUsd,
    maxPositionUsd: strategy.config.maxPositionUsd,
    // Given for an event log, the minimum notional applies at replay time (tick and lot are the log's).
    ...(arrows > 0 && flags.minNotional !== undefined ? { instrument: { minNotional: flags.minNotional } } : {}),
    ...(showProgress === undefined ? {} : { onProgress: (progress) => showProgress(progress.fraction, progress.rows) }),
  });
  if (showProgress !== undefined) process.stderr.write('\n');

  const name = path.basename(flags.data[0]!).replace(/\.(gz|arrow)$/, '');
  const shown = parsed.data.join(', ');
  const outDir = path.resolve(flags.out ?? path.join(repositoryRoot, 'out', `replay-${name}`));
  mkdirSync(outDir, { recursive: true });
  const summary = {
    data: flags.data,
    venue,
    repeat,
    strategy: { name: strategy.name, config: strategy.config, quoter },
    simulator: result.simulator,
    events: result.events,
    rows: result.rows,
    wallSeconds: result.wallSeconds,
    ...(result.funding === undefined ? {} : { funding: result.funding }),
    dataQuality: result.dataQuality,
    bookKnownFromUs: Number.isNaN(result.bookKnownFromUs) ? null : result.bookKnownFromUs,
    eventsPerSecond: result.events / result.wallSeconds,
    ...result.summary,
  };
  writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const table = summaryTable(result);
  if (!flags.noReport) await writeReport(path.join(outDir, 'report.html'), reportInput(result, name, venue, argv, table));
  const text = [
    `Backtest of the ${strategy.name} strategy on ${shown} (${venue}${repeat > 1 ? `, ${repeat} passes back to back` : ''})`,
    ...Object.entries(table).map(([key, value]) => `  ${key.padEnd(30)} ${value}`),
    ...dataQualityLines(result),
    ...quotedNothingLines(result, quoter.orderSizeUsd as number, strategy.config.maxPositionUsd),
    `Wrote ${path.relative(userDirectory(), path.join(outDir, 'summary.json'))}${flags.noReport ? '' : ` and ${path.relative(userDirectory(), path.join(outDir, 'report.html'))}`}`,
  ].join('\n');
  return { result, outDir, text };
}

function money(value: number): string {
  return `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(4)}`;
}

/** The summary as people read it: one line per figure. */
export function summaryTable(result: BacktestRunResult): Record<string, string> {
  const s = result.summary;
  return {
    book:
      result.simulator.book === 'top'
        ? 'top of book (best bid/offer + trades; queue behind the whole displayed best size, none while behind the best)'
        : `full depth (queue model ${result.simulator.queueModel})`,
    'net PnL': money(s.netPnlQuote),
    '  spread capture': money(s.spreadCaptureQuote),
    '  fees/rebates': `${money(s.feePnlQuote)} (paid ${money(s.feesPaidQuote)}, rebates ${money(s.rebatesReceivedQuote)})`,
    '  inventory PnL': money(s.inventoryPnlQuote),
    '  funding': money(s.fundingQuote) + fundingNote(result),
    'Sharpe (annualised)': s.sharpeUnavailable ?? s.sharpe.toFixed(2),
    'max drawdown': money(s.maxDrawdownQuote),
    fills: `${s.fills} (${s.buyFills} buys, ${s.sellFills} sells; ${s.makerFills} maker, ${s.takerFills} taker)`,
    'round trips': String(s.roundTrips),
    'fill balance (buys/fills)': s.fills === 0 ? 'n/a: no fills' : s.fillBalance.toFixed(3),
    'spread captured': s.volumeQuote > 0 ? `${s.spreadCapturedBps.toFixed(3)} bps` : 'n/a: no volume',
    volume: `${money(s.volumeQuote)} (${s.volumeBase.toFixed(6)} base)`,
    'final position': s.finalPositionBase.toFixed(6),
    'largest position': `${s.maxAbsPositionBase.toFixed(6)} (${money(s.maxAbsPositionQuote)})`,
    'markouts (+ = market moved our way after the fill)': s.markouts
      .map((markout) => `${markout.horizon} ${markout.bps.toFixed(3)} bps`)
      .join(', '),
    'time quoting both sides': `${s.timeQuotingPct.toFixed(1)}%`,
    'orders sent / denied by risk': `${s.ordersSent} / ${s.commandsDenied}`,
    'post-only rejects': String(s.postOnlyRejects),
    'duration (data)': `${s.durationSeconds.toFixed(1)} s`,
    events: result.events.toLocaleString('en-US'),
    'replay speed': `${(result.events / result.wallSeconds / 1e6).toFixed(2)} M events/s (${result.wallSeconds.toFixed(2)} s)`,
  };
}

/**
 * A replay that sent no order says why when the settings explain it: an order or a position limit
 * below the market's minimum order value is refused every time, and used to show as all-zero
 * figures with nothing said.
 */
function quotedNothingLines(result: BacktestRunResult, orderSizeUsd: number, maxPositionUsd: number): string[] {
  if (result.summary.ordersSent > 0) return [];
  const { minNotional, lotSizeText, symbol } = result.instrument;
  const reasons: string[] = [];
  if (orderSizeUsd < minNotional)
    reasons.push(`the order size $${orderSizeUsd} is below ${symbol}'s minimum order value of $${minNotional}: raise --order-size-usd`);
  if (maxPositionUsd < minNotional)
    reasons.push(
      `the max position $${maxPositionUsd} is below one minimum order ($${minNotional}), so no order fits in it: raise --max-position-usd`,
    );
  if (reasons.length === 0)
    reasons.push(
      `check --order-size-usd and --max-position-usd against one lot (${lotSizeText} ${symbol}) at the data's price, and the data-quality lines above`,
    );
  return reasons.map((reason) => `  warning: no order was sent: ${reason}`);
}

/** What is wrong with the data, one line per kind, with when it first happened. */
function dataQualityLines(result: BacktestRunResult): string[] {
  if (result.dataQuality.length === 0) return ['  data quality                   no problems found'];
  return [
    `  data quality                   ${result.dataQuality.length} kind(s) of problem found:`,
    ...result.dataQuality.map(
      (event) => `    ${event.kind} ×${event.count} from ${new Date(event.localTimeUs / 1000).toISOString()}: ${event.detail}`,
    ),
  ];
}

/** Which funding the figure comes from: the series, its shift onto the data's dates, its settlements. */
function fundingNote(result: BacktestRunResult): string {
  const funding = result.funding;
  if (funding === undefined) return ' (no funding model)';
  const shift =
    funding.shiftUs === 0
      ? ''
      : `, moved ${(funding.shiftUs / 86_400_000_000).toFixed(0)} days onto the data's dates (it does not overlap them)`;
  return ` (${funding.series}, every ${funding.intervalHours} h${shift}; ${funding.settlements.length} settlements on a non-zero position)`;
}

function reportInput(
  result: BacktestRunResult,
  name: string,
  venue: string,
  argv: readonly string[],
  table: Record<string, string>,
): ReportInput {
  const recorder = result.recorder;
  return {
    title: `${result.instrument.symbol} · ${venue} · ${name}`,
    generatedBy: `pnpm --filter backtester run replay -- ${argv.join(' ')}`,
    summary: table,
    series: {
      timeUs: recorder.series.timeUs,
      equity: recorder.series.equity,
      inventory: recorder.series.inventory,
      mid: recorder.series.mid,
      bid: recorder.series.bid,
      ask: recorder.series.ask,
    },
    fills: recorder.fills.map((fill) => ({
      timeUs: fill.timeUs,
      side: fill.side,
      price: fill.price,
      size: fill.size,
      liquidity: fill.liquidity,
    })),
    inventoryHistogram: result.summary.inventoryHistogram,
    markouts: result.summary.markouts.map((markout) => ({ horizon: markout.horizon, bps: markout.bps })),
  };
}
