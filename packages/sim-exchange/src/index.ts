export { ConstantLatency, InterpolatedLatency, type LatencyModel, type LatencySample } from './models/latency-model.js';
export { FlatFeeModel, VENUE_FEES, venueFeeModel, type FeeModel, type FeeVenue } from './models/fee-model.js';
export { ConservativeQueueModel, PowerProbQueueModel, type QueueModel, type QueuePosition } from './models/queue-model.js';
export { TopOfBookQueueModel } from './models/top-of-book-queue-model.js';
export {
  ConstantFundingModel,
  fundingPayment,
  SeriesFundingModel,
  type FundingModel,
  type FundingRateSeries,
} from './models/funding-model.js';
export { type Scheduler } from './exchange/scheduler.js';
export { REJECT_MESSAGES, SimulatedExchange, type SimulatedExchangeOptions } from './exchange/simulated-exchange.js';
