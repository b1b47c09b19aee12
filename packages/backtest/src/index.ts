export * from './replay/replay-driver.js';
export * from './replay/event-log-batches.js';
export * from './results/backtest-recorder.js';
export * from './run-backtest.js';
