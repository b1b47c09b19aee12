import type {
  ClientOrderId,
  Clock,
  ExecutionCapabilities,
  ExecutionEvent,
  Instrument,
  OpenOrder,
  OrderCommand,
  Side,
  TimerEvent,
  TradeEvent,
} from '@mm/core';
import type { OrderBook } from '@mm/book';
import type { PositionSnapshot } from '@mm/inventory';
import type { RiskDecision, SymbolRiskDecision } from '@mm/risk';

/** A command the risk gate refused; a value, not an error: the strategy may adapt. */
export interface CommandDenial {
  command: OrderCommand;
  ruleId: string;
  reason: string;
}

/**
 * Everything a strategy can see and do. The same object shape is handed to it in a backtest,
 * against the local venue and live; nothing in it tells which.
 */
export interface EngineContext {
  readonly clock: Clock;
  readonly capabilities: ExecutionCapabilities;
  instrument(symbol: string): Instrument;
  /** The strategy's view of the book: as received, at local time. Read only. */
  book(symbol: string): OrderBook;
  /** Our resting and in-flight orders as the quote diff should see them. */
  quotingOrders(symbol: string): OpenOrder[];
  /** How many of those rest on `side` (cheap: no list is built). */
  quotingOrderCount(symbol: string, side: Side): number;
  /** Signed position in lots. */
  positionLots(symbol: string): number;
  position(symbol: string): PositionSnapshot;
  risk(): RiskDecision;
  symbolRisk(symbol: string): SymbolRiskDecision;
  nextClientOrderId(): ClientOrderId;
  /** Queues a command; the engine's risk gate checks it and sends it at the end of the handler. */
  send(command: OrderCommand): void;
  /** A `timer` event named `name` at `atUs` (replaces an earlier one of that name). */
  scheduleTimer(name: string, atUs: number): void;
  cancelTimer(name: string): void;
}

/**
 * A strategy: synchronous handlers, commands out through `context.send`, events in. It never
 * awaits a venue and never reads ambient time, so it runs unchanged in every world.
 */
export interface Strategy {
  readonly name: string;
  /** Symbols it trades. */
  readonly symbols: readonly string[];
  onStart?(context: EngineContext): void;
  /** The local book of `symbol` changed (once per received frame). */
  onBook?(symbol: string, context: EngineContext): void;
  onTrade?(trade: TradeEvent, context: EngineContext): void;
  onOrderEvent?(event: ExecutionEvent, context: EngineContext): void;
  onCommandDenied?(denial: CommandDenial, context: EngineContext): void;
  onTimer?(timer: TimerEvent, context: EngineContext): void;
  /**
   * `symbol` may quote again after a pause (a stale feed spoke again, a reconcile was applied): the
   * quotes it tried meanwhile were denied, so this is the moment to requote, not the next timer.
   */
  onQuotingResumed?(symbol: string, context: EngineContext): void;
  /** The engine is stopping; resting orders are being cancelled. */
  onStop?(reason: string, context: EngineContext): void;
}
