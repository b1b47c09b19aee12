export { HYPERLIQUID_CAPABILITIES, HyperliquidExecution, type HyperliquidExecutionOptions } from './hyperliquid-execution.js';
export { HyperliquidMarketData, type HyperliquidMarketDataOptions } from './hyperliquid-market-data.js';
export { type HyperliquidNotification, type NotificationHandler } from './hyperliquid-notification.js';
export { errorText, HYPERLIQUID_VENUE, HyperliquidVenueError, RequestBudgetError, UnknownMarketError } from './hyperliquid-errors.js';
export {
  executionConfigSchema,
  marketSchema,
  parseExecutionConfig,
  type ExecutionConfig,
  type ExecutionConfigInput,
} from './execution-config.js';
export { marketDataConfigSchema, parseMarketDataConfig, type MarketDataConfig, type MarketDataConfigInput } from './market-data-config.js';
export { MarketDirectory, type HyperliquidMarket } from './market-directory.js';
export { RequestBudget } from './request-budget.js';
export {
  exchangeActionWeight,
  infoItemSurcharge,
  infoRequestWeight,
  IP_WEIGHT_LIMIT_PER_MINUTE,
  MAX_ITEMS_PER_ACTION,
} from './request-weight.js';
export { ManualScheduler, systemScheduler, type IntervalScheduler } from './interval-scheduler.js';
export { sideFromWire, toWireModifiedOrder, toWireOrder, wireCloid, wireTif, type WireOrder } from './wire-order.js';
export { ensureWebSocketGlobal } from './create-transports.js';
export { AddressRequestBudget } from './address-request-budget.js';
export { checkEthersSigner, type EthersV6Signer } from './ethers-signer.js';
export { describeDeadMansSwitch, type DeadMansSwitchState } from './dead-man-switch.js';
export { missedFills, responseFillId } from './missed-fills.js';
