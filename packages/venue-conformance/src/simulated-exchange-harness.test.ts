import { describeExecutionConformance } from './describe-execution-conformance.js';
import { simulatedExchangeHarness } from './simulated-exchange-harness.js';

describeExecutionConformance('simulated exchange', async () => simulatedExchangeHarness());
