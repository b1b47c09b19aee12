export {
  ConfigError,
  explainListenError,
  InvalidInputError,
  MmError,
  PortInUseError,
  PriceRuleError,
  VenueError,
  type ConfigIssue,
} from './errors.js';
export { configIssuesFromZod, parseConfig } from './config.js';
export {
  decimalFromNumber,
  divideDecimals,
  divideRounded,
  formatDecimal,
  parseDecimal,
  type ExactDecimal,
  type RoundingMode,
} from './decimal.js';
export {
  HYPERLIQUID_MIN_NOTIONAL_USD,
  HYPERLIQUID_PERP_MAX_DECIMALS,
  HYPERLIQUID_SIGNIFICANT_FIGURES,
  Instrument,
  instrumentSpecSchema,
  type InstrumentSpec,
} from './instrument.js';
export {
  ManualClock,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MILLI,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  nanosTextToMicros,
  utcDayStart,
  type Clock,
  type Micros,
} from './clock.js';
export {
  oppositeSide,
  sideSign,
  type ClientOrderId,
  type Level,
  type OpenOrder,
  type Quote,
  type Side,
  type TimeInForce,
  type Timestamps,
} from './types.js';
export {
  type BookDeltaEvent,
  type BookSnapshotEvent,
  type CommandRejectedEvent,
  type ExecutionEvent,
  type FundingEvent,
  type MarketDataEvent,
  type MmEvent,
  type OrderAcceptedEvent,
  type OrderCanceledEvent,
  type OrderFilledEvent,
  type OrderModifiedEvent,
  type OrderRejectedEvent,
  type TimerEvent,
  type TradeEvent,
} from './events.js';
export {
  type CancelAllCommand,
  type CancelOrderCommand,
  type ModifyOrderCommand,
  type OrderCommand,
  type PlaceOrderCommand,
} from './commands.js';
export {
  type AccountSnapshot,
  type ExecutionCapabilities,
  type ExecutionReports,
  type ExecutionVenue,
  type MarketDataVenue,
  type PositionReport,
  type ReportsRequest,
  type Unsubscribe,
} from './venue.js';
export { ClientOrderIdSequence, instanceIdOfClientOrderId } from './client-order-id.js';
