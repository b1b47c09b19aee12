import {
  InvalidInputError,
  type ClientOrderIdSequence,
  type Clock,
  type ExecutionEvent,
  type ExecutionVenue,
  type Instrument,
  type MarketDataEvent,
  type Micros,
  type OrderCommand,
  type TimerEvent,
  type TradeEvent,
} from '@mm/core';
import { OrderBook } from '@mm/book';
import { PositionTracker, type PositionSnapshot } from '@mm/inventory';
import { symbolDecisionFor, type RiskDecision, type RiskManager, type SymbolRiskDecision } from '@mm/risk';
import { OrderRegistry, type OrderTransition } from './order-registry.js';
import type { CommandDenial, EngineContext, Strategy } from './strategy.js';
import { TimedQueue } from './timed-queue.js';

/** Observers of what the engine does: the journal, logs, metrics. Called synchronously, in order. */
export interface EngineHooks {
  /** Before the strategy sees the event: a journal writes it durably here. */
  onExecutionEvent?(event: ExecutionEvent, transition: OrderTransition): void;
  onCommandsSent?(commands: readonly OrderCommand[]): void;
  onCommandDenied?(denial: CommandDenial): void;
  onRiskDecision?(decision: RiskDecision): void;
  onFailClosed?(reason: string): void;
}

export interface EngineOptions {
  clock: Clock;
  venue: ExecutionVenue;
  instruments: readonly Instrument[];
  strategy: Strategy;
  risk: RiskManager;
  clientOrderIds: ClientOrderIdSequence;
  hooks?: EngineHooks;
  /**
   * How often market data feeds the risk manager (price moves, equity, drawdown), in local time.
   * Fills, API errors and timers always feed it at once. One second resolves the shortest breaker
   * window (1% in one minute) well while keeping risk bookkeeping off the per-update hot path.
   */
  riskSampleIntervalUs?: Micros;
  /** Opening positions from a reconcile, by symbol. */
  openingPositions?: Readonly<Record<string, { positionLots: number; averageEntryPriceTicks: number }>>;
  /** A per-symbol book window in ticks (see @mm/book); defaults to the book's own. */
  bookWindowTicks?: number;
  /**
   * 'direct' (replays): the engine listens to the venue itself. 'driver' (live): a driver receives
   * the venue's events and hands them over one at a time through its queue.
   */
  venueEvents?: 'direct' | 'driver';
}

/** Per-symbol state, handed to drivers so the hot path does no map lookups. */
export interface SymbolSlot {
  readonly symbol: string;
  readonly instrument: Instrument;
  readonly book: OrderBook;
  readonly position: PositionTracker;
}

interface PendingTimer {
  name: string;
  atUs: Micros;
}

/**
 * The run-to-completion kernel that hosts one strategy. Drivers (replay or live) push events in one
 * at a time; each is handled to completion (book, orders, inventory, risk, strategy) before the next.
 * Commands the strategy sends during a handler pass the risk gate and leave as one batch when the
 * handler returns. On doubt (an event for an order we never sent, a halting risk rule) it cancels
 * its quotes and says why.
 */
export class Engine {
  readonly clock: Clock;
  readonly venue: ExecutionVenue;
  readonly strategy: Strategy;
  readonly risk: RiskManager;
  readonly orders = new OrderRegistry();
  private readonly hooks: EngineHooks;
  private readonly slots = new Map<string, SymbolSlot>();
  private readonly slotList: SymbolSlot[] = [];
  private readonly clientOrderIds: ClientOrderIdSequence;
  private readonly timers = new TimedQueue<PendingTimer>();
  private readonly timerDue = new Map<string, Micros>();
  private readonly riskSampleIntervalUs: Micros;
  private readonly context: EngineContext;
  private outbox: OrderCommand[] = [];
  private dispatchDepth = 0;
  private lastRiskSampleUs = Number.NEGATIVE_INFINITY;
  private decision: RiskDecision;
  private failedClosedReason: string | undefined;
  private started = false;
  /** Counters for reports and tests. */
  readonly stats = { commandsSent: 0, commandsDenied: 0, unknownOrderEvents: 0, riskCancels: 0 };

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.venue = options.venue;
    this.strategy = options.strategy;
    this.risk = options.risk;
    this.hooks = options.hooks ?? {};
    this.clientOrderIds = options.clientOrderIds;
    this.riskSampleIntervalUs = options.riskSampleIntervalUs ?? 1_000_000;
    for (const instrument of options.instruments) {
      const opening = options.openingPositions?.[instrument.symbol];
      const slot: SymbolSlot = {
        symbol: instrument.symbol,
        instrument,
        book: new OrderBook(options.bookWindowTicks === undefined ? {} : { windowTicks: options.bookWindowTicks }),
        position: new PositionTracker(instrument, opening === undefined ? {} : { openingPosition: opening }),
      };
      this.slots.set(instrument.symbol, slot);
      this.slotList.push(slot);
    }
    for (const symbol of this.strategy.symbols) this.slot(symbol);
    this.decision = this.risk.evaluate(this.clock.now());
    this.context = this.makeContext();
    if ((options.venueEvents ?? 'direct') === 'direct') this.venue.onEvent((event) => this.onExecutionEvent(event));
  }

  /** The slot of `symbol`; drivers keep it to update the book without lookups. */
  slot(symbol: string): SymbolSlot {
    const slot = this.slots.get(symbol);
    if (slot === undefined) throw new InvalidInputError(`the engine has no instrument '${symbol}'`, { symbol });
    return slot;
  }

  get symbolSlots(): readonly SymbolSlot[] {
    return this.slotList;
  }

  /** Why the engine stopped quoting, if it did. */
  get failClosedReason(): string | undefined {
    return this.failedClosedReason;
  }

  get riskDecision(): RiskDecision {
    return this.decision;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.dispatch(() => this.strategy.onStart?.(this.context));
  }

  /** Stops: the strategy is told, every resting order is cancelled. */
  stop(reason: string): void {
    this.dispatch(() => {
      this.strategy.onStop?.(reason, this.context);
      this.cancelEverything(reason);
    });
  }

  // ---- market data ------------------------------------------------------------------------

  /** Object-event path (live adapters): applies the event to the local book, then notifies. */
  onMarketData(event: MarketDataEvent): void {
    const slot = this.slot(event.symbol);
    if (event.type === 'trade') {
      this.onTrade(event);
      return;
    }
    if (event.type === 'book-snapshot') slot.book.applySnapshot(event);
    else slot.book.applyDelta(event);
    this.onBookUpdated(slot);
  }

  /** Hot path: a driver changed `slot.book` directly and the frame is complete. */
  onBookUpdated(slot: SymbolSlot): void {
    const now = this.clock.now();
    if (now - this.lastRiskSampleUs >= this.riskSampleIntervalUs) this.sampleRisk(now);
    if (this.strategy.onBook !== undefined) {
      this.dispatchDepth += 1;
      this.strategy.onBook(slot.symbol, this.context);
      this.dispatchDepth -= 1;
      if (this.dispatchDepth === 0 && this.outbox.length > 0) this.flush();
    }
  }

  onTrade(trade: TradeEvent): void {
    if (this.strategy.onTrade === undefined) return;
    this.dispatch(() => this.strategy.onTrade!(trade, this.context));
  }

  // ---- execution ----------------------------------------------------------------------------

  onExecutionEvent(event: ExecutionEvent): void {
    const transition = this.orders.onEvent(event);
    this.hooks.onExecutionEvent?.(event, transition);
    if (transition.kind === 'unknown-order') {
      this.stats.unknownOrderEvents += 1;
      this.failClosed(`${event.type} for order ${transition.clientOrderId}, which this engine never sent`);
      return;
    }
    this.dispatch(() => {
      if (event.type === 'order-filled') this.applyFill(event);
      this.strategy.onOrderEvent?.(event, this.context);
    });
  }

  /** An API call failed (timeout, 5xx, 429): feeds the risk manager's error breaker. */
  onApiError(): void {
    this.risk.onApiError(this.clock.now());
    this.dispatch(() => this.refreshRisk(this.clock.now()));
  }

  // ---- timers -------------------------------------------------------------------------------

  /** Earliest pending timer, +Infinity when none: the driver advances the clock to it. */
  nextTimerUs(): Micros {
    for (;;) {
      const top = this.timers.peek();
      if (top === undefined) return Number.POSITIVE_INFINITY;
      // Timers rescheduled or cancelled since they were queued are dropped lazily here.
      if (this.timerDue.get(top.name) === top.atUs) return top.atUs;
      this.timers.pop();
    }
  }

  /** Fires every timer due at or before the clock's time. */
  fireDueTimers(): void {
    const now = this.clock.now();
    while (this.nextTimerUs() <= now) {
      const timer = this.timers.pop()!;
      this.timerDue.delete(timer.name);
      const event: TimerEvent = { type: 'timer', name: timer.name, venueTimeUs: now, localTimeUs: now };
      this.dispatch(() => {
        this.refreshRisk(now);
        this.strategy.onTimer?.(event, this.context);
      });
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  private dispatch(handler: () => void): void {
    this.dispatchDepth += 1;
    try {
      handler();
    } finally {
      this.dispatchDepth -= 1;
    }
    if (this.dispatchDepth === 0 && this.outbox.length > 0) this.flush();
  }

  private flush(): void {
    const batch = this.outbox;
    this.outbox = [];
    this.stats.commandsSent += batch.length;
    this.hooks.onCommandsSent?.(batch);
    this.venue.send(batch);
  }

  /** The risk gate: every command of the strategy passes here. Cancels always pass. */
  private submit(command: OrderCommand): void {
    const now = this.clock.now();
    if (command.type !== 'cancel-order' && command.type !== 'cancel-all') {
      if (this.failedClosedReason !== undefined) {
        this.deny(command, 'fail-closed', `the engine stopped quoting: ${this.failedClosedReason}`);
        return;
      }
      const side = command.type === 'place-order' ? command.side : this.orders.get(command.clientOrderId)?.side;
      const verdict = this.risk.checkCommand(command, now, side);
      if (!verdict.allowed) {
        this.deny(command, verdict.ruleId, verdict.reason);
        return;
      }
      this.risk.onOrderSent(now);
    }
    this.orders.onCommandSent(command);
    this.outbox.push(command);
  }

  private deny(command: OrderCommand, ruleId: string, reason: string): void {
    this.stats.commandsDenied += 1;
    const denial: CommandDenial = { command, ruleId, reason };
    this.hooks.onCommandDenied?.(denial);
    this.strategy.onCommandDenied?.(denial, this.context);
  }

  private applyFill(event: Extract<ExecutionEvent, { type: 'order-filled' }>): void {
    const slot = this.slot(event.symbol);
    const mid = slot.book.midTicks();
    slot.position.applyFill(event, mid);
    const now = this.clock.now();
    this.risk.onPosition(slot.symbol, this.positionNotional(slot), now);
    this.refreshRisk(now, true);
  }

  private positionNotional(slot: SymbolSlot): number {
    const mid = slot.book.midTicks();
    if (mid === undefined) return 0;
    return slot.position.positionLots * slot.instrument.lotSize * mid * slot.instrument.tickSize;
  }

  private sampleRisk(now: Micros): void {
    this.lastRiskSampleUs = now;
    for (const slot of this.slotList) {
      const mid = slot.book.midTicks();
      if (mid === undefined) continue;
      this.risk.onPrice(slot.symbol, mid * slot.instrument.tickSize, now);
      this.risk.onPosition(slot.symbol, this.positionNotional(slot), now);
    }
    this.refreshRisk(now, true);
  }

  /** Re-evaluates risk and pulls orders the decision no longer allows. */
  private refreshRisk(now: Micros, withEquity = false): void {
    if (withEquity) this.risk.onEquity(this.totalPnlQuote(), now);
    const previous = this.decision;
    this.decision = this.risk.evaluate(now);
    if (this.decision.status !== previous.status || this.decision.firedRules.length !== previous.firedRules.length) {
      this.hooks.onRiskDecision?.(this.decision);
    }
    this.enforceRisk();
  }

  /** Equity change since start: realized + unrealized + fees over all symbols, at the local mids. */
  totalPnlQuote(): number {
    let total = 0;
    for (const slot of this.slotList) {
      const mid = slot.book.midTicks();
      if (slot.position.positionLots !== 0 && mid === undefined) continue;
      total += slot.position.totalPnlQuote(mid);
    }
    return total;
  }

  private enforceRisk(): void {
    const decision = this.decision;
    if (decision.firedRules.length === 0) return;
    for (const slot of this.slotList) {
      const symbolDecision = symbolDecisionFor(decision, slot.symbol);
      const cancelAll = decision.halted || decision.quotingPaused || symbolDecision.cancelAll;
      if (!cancelAll && !symbolDecision.bidPaused && !symbolDecision.askPaused) continue;
      for (const order of this.orders.liveOrders(slot.symbol)) {
        if (order.status === 'pending-cancel') continue;
        const pull = cancelAll || (order.side === 'buy' ? symbolDecision.bidPaused : symbolDecision.askPaused);
        if (!pull) continue;
        this.stats.riskCancels += 1;
        const command: OrderCommand = { type: 'cancel-order', symbol: slot.symbol, clientOrderId: order.clientOrderId };
        this.orders.onCommandSent(command);
        this.outbox.push(command);
      }
    }
  }

  /** Fail closed: cancel everything, refuse new orders, say why. */
  failClosed(reason: string): void {
    if (this.failedClosedReason === undefined) {
      this.failedClosedReason = reason;
      this.hooks.onFailClosed?.(reason);
    }
    this.dispatch(() => this.cancelEverything(reason));
  }

  private cancelEverything(reason: string): void {
    if (this.orders.liveCount === 0) return;
    const command: OrderCommand = { type: 'cancel-all', reason };
    this.orders.onCommandSent(command);
    this.outbox.push(command);
  }

  private makeContext(): EngineContext {
    const engine = this;
    return {
      clock: engine.clock,
      capabilities: engine.venue.capabilities,
      instrument: (symbol) => engine.slot(symbol).instrument,
      book: (symbol) => engine.slot(symbol).book,
      quotingOrders: (symbol) => engine.orders.quotingOrders(symbol),
      quotingOrderCount: (symbol, side) => engine.orders.quotingCount(symbol, side),
      positionLots: (symbol) => engine.slot(symbol).position.positionLots,
      position: (symbol): PositionSnapshot => {
        const slot = engine.slot(symbol);
        return slot.position.snapshot(slot.book.midTicks());
      },
      risk: () => engine.decision,
      symbolRisk: (symbol): SymbolRiskDecision => symbolDecisionFor(engine.decision, symbol),
      nextClientOrderId: () => engine.clientOrderIds.nextId(),
      send: (command) => engine.submit(command),
      scheduleTimer: (name, atUs) => {
        engine.timerDue.set(name, atUs);
        engine.timers.push(atUs, { name, atUs });
      },
      cancelTimer: (name) => {
        engine.timerDue.delete(name);
      },
    };
  }
}
