export { type ConformanceHarness, type HarnessFactory } from './conformance-harness.js';
export { describeExecutionConformance } from './describe-execution-conformance.js';
export { simulatedExchangeHarness } from './simulated-exchange-harness.js';
