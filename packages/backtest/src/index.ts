export { ReplayDriver, type ReplayBatch, type ReplayHooks, type ReplayProgress } from './replay/replay-driver.js';
export { eventLogBatches, readEventLogMetadata } from './replay/event-log-batches.js';
export {
  BacktestRecorder,
  type BacktestSeries,
  type BacktestSummary,
  type MarkoutSummary,
  type RecordedFill,
} from './results/backtest-recorder.js';
export {
  BacktestSetupError,
  runBacktest,
  simulatorConfigSchema,
  type BacktestFundingOptions,
  type BacktestFundingReport,
  type BacktestRunOptions,
  type BacktestRunResult,
  type FundingSettlement,
  type SimulatorConfig,
  type SimulatorConfigInput,
} from './run-backtest.js';
