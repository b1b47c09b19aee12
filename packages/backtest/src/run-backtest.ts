import { z } from 'zod';
import {
  ClientOrderIdSequence,
  Instrument,
  ManualClock,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  parseConfig,
  MmError,
  utcDayStart,
  type OrderCommand,
} from '@mm/core';
import { Engine, type Strategy } from '@mm/engine';
import { RiskManager, type RiskLimitsInput } from '@mm/risk';
import {
  ConservativeQueueModel,
  ConstantFundingModel,
  ConstantLatency,
  FlatFeeModel,
  InterpolatedLatency,
  PowerProbQueueModel,
  SeriesFundingModel,
  SimulatedExchange,
  TopOfBookQueueModel,
  VENUE_FEES,
  venueFeeModel,
  type FeeModel,
  type FundingModel,
  type FundingRateSeries,
  type LatencyModel,
  type LatencySample,
  type QueueModel,
} from '@mm/sim-exchange';
import { BacktestRecorder, type BacktestSummary } from './results/backtest-recorder.js';
import { ReplayDriver, type ReplayProgress } from './replay/replay-driver.js';
import { eventLogBatches, readEventLogMetadata } from './replay/event-log-batches.js';
import { topOfBookBatches } from './replay/top-of-book-batches.js';
import type { DataQualityEvent, EventLogMetadata } from '@mm/feeds';

/** Simulator settings; each model documents its own assumption. Defaults only here. */
export const simulatorConfigSchema = z.strictObject({
  /**
   * 'top': replay from best bid/offer and trades only (the logs are reduced to top of book on the
   * fly, see `TopOfBookReducer`; a Tardis `quotes` log already is) with the top-of-book queue model
   * (`TopOfBookQueueModel`: behind the whole displayed best size, no fills while behind the best);
   * `queueModel` is then not used. 'full': the logs' whole depth.
   */
  book: z.enum(['full', 'top']).default('full'),
  queueModel: z.enum(['conservative', 'power-prob']).default('power-prob'),
  /** Exponent of the probabilistic queue model (2 = cancels mostly from the back). */
  queuePower: z.number().positive().default(2),
  latencyModel: z.enum(['constant', 'recorded']).default('constant'),
  /** Order entry latency, local send to matching engine (constant model). */
  entryLatencyMs: z.number().nonnegative().default(50),
  /** Matching engine to our receipt of the answer (constant model). */
  responseLatencyMs: z.number().nonnegative().default(50),
  /** Recorded round trips for the 'recorded' model. */
  latencySamples: z.array(z.strictObject({ localTimeUs: z.number(), entryUs: z.number(), responseUs: z.number() })).default([]),
  /** Fee schedule: a venue's base tier, or explicit rates (fractions; negative maker = rebate). */
  feeVenue: z.enum(Object.keys(VENUE_FEES) as [keyof typeof VENUE_FEES, ...Array<keyof typeof VENUE_FEES>]).optional(),
  makerFeeRate: z.number().optional(),
  takerFeeRate: z.number().optional(),
  /** Funding per interval (fraction of notional; longs pay when positive). */
  fundingRatePerInterval: z.number().default(0),
  fundingIntervalHours: z.number().positive().default(1),
  /** Equity/inventory sampling for the report and markouts. */
  sampleIntervalMs: z.number().positive().default(100),
});

export type SimulatorConfigInput = z.input<typeof simulatorConfigSchema>;
export type SimulatorConfig = Readonly<z.output<typeof simulatorConfigSchema>>;

export interface BacktestRunOptions {
  /** Event logs (see `convertCapture`), replayed in order. */
  eventLogs: readonly string[];
  /** Passes over the data, back to back. */
  repeat?: number;
  strategy: Strategy;
  simulator?: SimulatorConfigInput;
  risk?: Partial<RiskLimitsInput>;
  capitalUsd?: number;
  maxPositionUsd?: number;
  onProgress?(progress: ReplayProgress & { fraction: number }): void;
  /**
   * Corrections to the instrument the event logs were made for, e.g. `{ minNotional: 1 }` to study
   * order sizes below the venue's minimum. The default is the venue's rule. Tick and lot sizes are
   * fixed when a capture is converted (the log's prices and sizes are counted in them): give those
   * to `convertCapture`.
   */
  instrument?: { minNotional?: number };
  /** Every command the engine sends, with the replay time (golden tests snapshot this). */
  onCommands?(timeUs: number, commands: readonly OrderCommand[]): void;
  /** Real funding instead of the simulator's constant rate (see `fundingOptions`). */
  funding?: BacktestFundingOptions;
}

/**
 * A real funding series (e.g. `readFundingSeries` of `@mm/feeds`) settled on the venue's schedule on
 * the position held at each settlement, marked at the exchange's mid.
 */
export interface BacktestFundingOptions {
  series: FundingRateSeries;
  /**
   * The series' UTC day (`YYYY-MM-DD`) that stands in for the data's first day: the series is moved
   * by whole days so its settlement hours stay on the schedule. Needed when the series does not
   * cover the data (the shared funding files end in 2023, the captures are from 2024-2025).
   */
  alignDay?: string;
  /** Hours between settlements; by default the venue's (Hyperliquid 1, Binance and Bybit 8). */
  intervalHours?: number;
}

/** One funding settlement of a replay, with what a hand computation needs. */
export interface FundingSettlement {
  timeUs: number;
  /** Rate settled (the series' rate rescaled to the venue's period). */
  rate: number;
  /** Exchange-side position at the settlement, base units. */
  positionBase: number;
  markPrice: number;
  /** Received (+) or paid (−): −position × mark × rate. */
  amountQuote: number;
}

export interface BacktestFundingReport {
  /** The series' name, or `constant` for the simulator's constant rate. */
  series: string;
  intervalHours: number;
  /** Added to the series' times to put it on the data's dates (0: not moved). */
  shiftUs: number;
  settlements: FundingSettlement[];
}

/** Settlement periods per venue (each venue's documented schedule). */
const VENUE_FUNDING_HOURS: Record<string, number> = { hyperliquid: 1, 'binance-usdm': 8, bybit: 8, 'bybit-linear': 8 };

export interface BacktestRunResult {
  summary: BacktestSummary;
  recorder: BacktestRecorder;
  instrument: Instrument;
  /** Events as hftbacktest counts rows: level changes + trades + snapshot levels, over all passes. */
  events: number;
  rows: { exchange: number; local: number };
  wallSeconds: number;
  simulator: SimulatorConfig;
  /** Funding settled during the replay, when a series or a constant rate was given. */
  funding?: BacktestFundingReport;
  /**
   * What is wrong with the data, found by the importers (the logs' metadata) and the replay, first
   * occurrence first. The strategy is given a book only from a snapshot on (`bookKnownFromUs`).
   */
  dataQuality: DataQualityEvent[];
  /** Receive time from which the strategy had a complete book; NaN if never (no snapshot). */
  bookKnownFromUs: number;
}

export class BacktestSetupError extends MmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { code: 'BACKTEST_SETUP', context });
  }
}

function feeModelFor(config: SimulatorConfig, venue: string): FeeModel {
  if (config.makerFeeRate !== undefined || config.takerFeeRate !== undefined) {
    if (config.makerFeeRate === undefined || config.takerFeeRate === undefined) {
      throw new BacktestSetupError('give both makerFeeRate and takerFeeRate, or neither');
    }
    return new FlatFeeModel(config.makerFeeRate, config.takerFeeRate);
  }
  const feeVenue = config.feeVenue ?? (venue in VENUE_FEES ? (venue as keyof typeof VENUE_FEES) : undefined);
  if (feeVenue === undefined)
    throw new BacktestSetupError(`no fee schedule for venue '${venue}': set feeVenue or makerFeeRate/takerFeeRate`);
  return venueFeeModel(feeVenue);
}

function latencyModelFor(config: SimulatorConfig): LatencyModel {
  if (config.latencyModel === 'recorded') {
    if (config.latencySamples.length === 0) throw new BacktestSetupError("latencyModel 'recorded' needs latencySamples");
    return new InterpolatedLatency(config.latencySamples as LatencySample[]);
  }
  return new ConstantLatency(Math.round(config.entryLatencyMs * 1000), Math.round(config.responseLatencyMs * 1000));
}

function queueModelFor(config: SimulatorConfig): QueueModel {
  if (config.book === 'top') return new TopOfBookQueueModel();
  return config.queueModel === 'conservative' ? new ConservativeQueueModel() : new PowerProbQueueModel(config.queuePower);
}

/**
 * One backtest: the strategy object runs in the same engine as live, against the simulated exchange,
 * on recorded data replayed at tick level. The strategy cannot tell the difference.
 */
export async function runBacktest(options: BacktestRunOptions): Promise<BacktestRunResult> {
  const simulator = parseConfig(simulatorConfigSchema, options.simulator ?? {}, 'simulator config');
  const metadata = await readEventLogMetadata(options.eventLogs);
  if (metadata.length === 0) throw new BacktestSetupError('no event logs given');
  const specs = new Set(metadata.map((entry) => JSON.stringify(entry.instrument)));
  if (specs.size > 1) throw new BacktestSetupError('the event logs are for different instruments', { instruments: [...specs] });
  const minNotional = options.instrument?.minNotional;
  if (minNotional !== undefined && !(Number.isFinite(minNotional) && minNotional >= 0)) {
    throw new BacktestSetupError(`instrument.minNotional must be a number >= 0, got ${minNotional}`);
  }
  const instrument = new Instrument({ ...metadata[0]!.instrument, ...(minNotional === undefined ? {} : { minNotional }) });
  const repeat = options.repeat ?? 1;
  const firstUs = metadata[0]!.firstLocalTimeUs;
  const clock = new ManualClock(firstUs);
  const queue = queueModelFor(simulator);
  const scheduler = { now: () => clock.now(), schedule: (atUs: number, action: () => void) => driver.schedule(atUs, action) };
  const exchange = new SimulatedExchange({
    instruments: [instrument],
    scheduler,
    latency: latencyModelFor(simulator),
    queue,
    fees: feeModelFor(simulator, instrument.venue),
    venue: instrument.venue,
  });
  if (queue instanceof TopOfBookQueueModel) queue.watch(exchange.book(instrument.symbol));
  const capitalUsd = options.capitalUsd ?? 5_000;
  const recorder = new BacktestRecorder(instrument, simulator.sampleIntervalMs * 1000, options.maxPositionUsd ?? 500);
  const engine = new Engine({
    clock,
    venue: exchange,
    instruments: [instrument],
    strategy: options.strategy,
    risk: new RiskManager({ capitalUsd, ...(options.risk ?? {}) }),
    clientOrderIds: new ClientOrderIdSequence(1),
    hooks: {
      onExecutionEvent: (event) => recorder.onExecutionEvent(event),
      onCommandsSent: (commands) => options.onCommands?.(clock.now(), commands),
    },
  });
  recorder.attach(engine);
  const driver = new ReplayDriver({ clock, engine, exchange, symbol: instrument.symbol });
  const lastUs = metadata[metadata.length - 1]!.lastLocalTimeUs;
  const funding = fundingModelFor(
    simulator,
    options.funding,
    instrument.venue,
    firstUs,
    lastUs + (lastUs - firstUs + 1_000_000) * (repeat - 1),
  );
  if (funding !== undefined) scheduleFunding(funding, driver, exchange, instrument, firstUs);

  const eventsPerPass = metadata.reduce((sum, entry) => sum + entry.counts.events, 0);
  const rowsPerPass = metadata.reduce((sum, entry) => sum + entry.counts.rows, 0);
  const started = performance.now();
  const batches = eventLogBatches(options.eventLogs, repeat);
  await driver.run(simulator.book === 'top' ? topOfBookBatches(batches) : batches, {
    sampleIntervalUs: simulator.sampleIntervalMs * 1000,
    onSample: (nowUs) => recorder.onSample(nowUs),
    progressEveryRows: 500_000,
    onProgress: (progress) => options.onProgress?.({ ...progress, fraction: progress.rows / (2 * rowsPerPass * repeat) }),
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const summary = recorder.summary({
    ordersSent: exchange.stats.ordersReceived,
    commandsDenied: engine.stats.commandsDenied,
    postOnlyRejects: exchange.stats.postOnlyRejects,
  });
  return {
    summary,
    recorder,
    instrument,
    events: eventsPerPass * repeat,
    rows: { exchange: driver.stats.exchangeRows, local: driver.stats.localRows },
    wallSeconds,
    simulator,
    ...(funding === undefined ? {} : { funding: funding.report }),
    dataQuality: dataQualityOf(metadata, driver),
    bookKnownFromUs: driver.bookKnownFromUs,
  };
}

function dataQualityOf(metadata: readonly EventLogMetadata[], driver: ReplayDriver): DataQualityEvent[] {
  const events = [...metadata.flatMap((entry) => entry.dataQuality ?? []), ...driver.dataQuality];
  if (Number.isNaN(driver.bookKnownFromUs)) {
    events.push({
      kind: 'no-complete-book',
      localTimeUs: metadata[0]!.firstLocalTimeUs,
      count: 1,
      detail:
        'the data holds no book snapshot, so the strategy was never given a book: join the file before it in front (e.g. 07-18 before 07-19) or give data with a snapshot',
    });
  }
  return events.sort((a, b) => a.localTimeUs - b.localTimeUs);
}

interface ScheduledFunding {
  model: FundingModel;
  report: BacktestFundingReport;
}

/** The funding model of a run: a series given in the options, the simulator's constant rate, or none. */
function fundingModelFor(
  simulator: SimulatorConfig,
  options: BacktestFundingOptions | undefined,
  venue: string,
  firstUs: number,
  lastUs: number,
): ScheduledFunding | undefined {
  if (options === undefined) {
    if (simulator.fundingRatePerInterval === 0) return undefined;
    const model = new ConstantFundingModel(simulator.fundingRatePerInterval, simulator.fundingIntervalHours * MICROS_PER_HOUR);
    return { model, report: { series: 'constant', intervalHours: simulator.fundingIntervalHours, shiftUs: 0, settlements: [] } };
  }
  if (simulator.fundingRatePerInterval !== 0)
    throw new BacktestSetupError('give a funding series or a constant fundingRatePerInterval, not both');
  const intervalHours = options.intervalHours ?? VENUE_FUNDING_HOURS[venue];
  if (intervalHours === undefined || !(intervalHours > 0)) {
    throw new BacktestSetupError(`no funding schedule known for venue '${venue}': give funding.intervalHours`, { venue });
  }
  let shiftUs = 0;
  if (options.alignDay !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(options.alignDay) ? Date.parse(`${options.alignDay}T00:00:00Z`) : Number.NaN;
    if (!Number.isFinite(day)) throw new BacktestSetupError(`funding.alignDay must be a UTC day as YYYY-MM-DD, got '${options.alignDay}'`);
    shiftUs = utcDayStart(firstUs) - day * 1000;
  }
  const model = new SeriesFundingModel(options.series, intervalHours * MICROS_PER_HOUR, shiftUs);
  const { fromUs, toUs } = model.coverage();
  if (fromUs > firstUs || toUs < lastUs) {
    const iso = (us: number) => new Date(us / 1000).toISOString();
    throw new BacktestSetupError(
      `funding series ${options.series.name} covers ${iso(fromUs)} to ${iso(toUs)}${shiftUs === 0 ? '' : ` after a shift of ${shiftUs / MICROS_PER_DAY} days`}, ` +
        `not the data's ${iso(firstUs)} to ${iso(lastUs)}: give funding.alignDay (--funding-align YYYY-MM-DD), the series' day that stands in for the data's first day`,
      { series: options.series.name },
    );
  }
  return { model, report: { series: options.series.name, intervalHours, shiftUs, settlements: [] } };
}

function scheduleFunding(
  funding: ScheduledFunding,
  driver: ReplayDriver,
  exchange: SimulatedExchange,
  instrument: Instrument,
  fromUs: number,
): void {
  const { model, report } = funding;
  const symbolIndex = exchange.symbolIndex(instrument.symbol);
  const settle = (atUs: number) => {
    driver.schedule(atUs, () => {
      const mid = exchange.book(instrument.symbol).midTicks();
      if (mid !== undefined) {
        const rate = model.rateAt(atUs);
        const positionBase = (exchange.accountSnapshot().positions[instrument.symbol] ?? 0) * instrument.lotSize;
        exchange.settleFunding(symbolIndex, rate, mid, atUs);
        const markPrice = mid * instrument.tickSize;
        if (positionBase !== 0)
          report.settlements.push({ timeUs: atUs, rate, positionBase, markPrice, amountQuote: -positionBase * markPrice * rate });
      }
      settle(model.nextFundingTimeUs(atUs));
    });
  };
  settle(model.nextFundingTimeUs(fromUs));
}
