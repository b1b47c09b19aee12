export * from './conformance-harness.js';
export * from './describe-execution-conformance.js';
export * from './simulated-exchange-harness.js';
