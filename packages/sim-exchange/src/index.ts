export * from './models/latency-model.js';
export * from './models/fee-model.js';
export * from './models/queue-model.js';
export * from './models/funding-model.js';
export * from './exchange/scheduler.js';
export * from './exchange/simulated-exchange.js';
