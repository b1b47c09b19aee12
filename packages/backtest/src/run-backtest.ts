import { z } from 'zod';
import { ClientOrderIdSequence, Instrument, ManualClock, parseConfig, MmError, type OrderCommand } from '@mm/core';
import { Engine, type Strategy } from '@mm/engine';
import { RiskManager, type RiskLimitsInput } from '@mm/risk';
import {
  ConservativeQueueModel,
  ConstantFundingModel,
  ConstantLatency,
  FlatFeeModel,
  InterpolatedLatency,
  PowerProbQueueModel,
  SimulatedExchange,
  VENUE_FEES,
  venueFeeModel,
  type FeeModel,
  type LatencyModel,
  type LatencySample,
  type QueueModel,
} from '@mm/sim-exchange';
import { BacktestRecorder, type BacktestSummary } from './results/backtest-recorder.js';
import { ReplayDriver, type ReplayProgress } from './replay/replay-driver.js';
import { eventLogBatches, readEventLogMetadata } from './replay/event-log-batches.js';

/** Simulator settings; each model documents its own assumption. Defaults only here. */
export const simulatorConfigSchema = z.strictObject({
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
}

export interface BacktestRunResult {
  summary: BacktestSummary;
  recorder: BacktestRecorder;
  instrument: Instrument;
  /** Events as hftbacktest counts rows: level changes + trades + snapshot levels, over all passes. */
  events: number;
  rows: { exchange: number; local: number };
  wallSeconds: number;
  simulator: SimulatorConfig;
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
  if (feeVenue === undefined) throw new BacktestSetupError(`no fee schedule for venue '${venue}': set feeVenue or makerFeeRate/takerFeeRate`);
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
  const scheduler = { now: () => clock.now(), schedule: (atUs: number, action: () => void) => driver.schedule(atUs, action) };
  const exchange = new SimulatedExchange({
    instruments: [instrument],
    scheduler,
    latency: latencyModelFor(simulator),
    queue: queueModelFor(simulator),
    fees: feeModelFor(simulator, instrument.venue),
    venue: instrument.venue,
  });
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
  if (simulator.fundingRatePerInterval !== 0) scheduleFunding(simulator, driver, exchange, instrument, firstUs);

  const eventsPerPass = metadata.reduce((sum, entry) => sum + entry.counts.events, 0);
  const rowsPerPass = metadata.reduce((sum, entry) => sum + entry.counts.rows, 0);
  const started = performance.now();
  await driver.run(eventLogBatches(options.eventLogs, repeat), {
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
  };
}

function scheduleFunding(simulator: SimulatorConfig, driver: ReplayDriver, exchange: SimulatedExchange, instrument: Instrument, fromUs: number): void {
  const model = new ConstantFundingModel(simulator.fundingRatePerInterval, simulator.fundingIntervalHours * 3_600_000_000);
  const symbolIndex = exchange.symbolIndex(instrument.symbol);
  const settle = (atUs: number) => {
    driver.schedule(atUs, () => {
      const mid = exchange.book(instrument.symbol).midTicks();
      if (mid !== undefined) exchange.settleFunding(symbolIndex, model.rateAt(atUs), mid, atUs);
      settle(model.nextFundingTimeUs(atUs));
    });
  };
  settle(model.nextFundingTimeUs(fromUs));
}
