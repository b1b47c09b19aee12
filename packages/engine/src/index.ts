export {
  Engine,
  type EngineHooks,
  type EngineOptions,
  type HandlerFailure,
  type QuotingPause,
  type ReconcileOutcome,
  type SymbolSlot,
  type UnknownOrderPolicy,
} from './engine.js';
export { type CommandDenial, type EngineContext, type Strategy } from './strategy.js';
export { isTerminal, OrderRegistry, type OrderRecord, type OrderStatus, type OrderTransition } from './order-registry.js';
export { TimedQueue } from './timed-queue.js';
export { LiveDriver, type LiveDriverOptions, type TimerApi } from './live-driver.js';
