import {
  InvalidInputError,
  type ClientOrderIdSequence,
  type Clock,
  type ExecutionEvent,
  type ExecutionReports,
  type ExecutionVenue,
  type Instrument,
  type MarketDataEvent,
  type Micros,
  type OpenOrder,
  type OrderCommand,
  type OrderFilledEvent,
  type PositionReport,
  type TimerEvent,
  type TradeEvent,
} from '@mm/core';
import { OrderBook } from '@mm/book';
import { PositionTracker, type PositionSnapshot } from '@mm/inventory';
import {
  symbolDecisionFor,
  VolatilityFeed,
  type RiskDecision,
  type RiskManager,
  type SymbolRiskDecision,
  type VolatilityFeedOptions,
} from '@mm/risk';
import { OrderRegistry, type OrderRecord, type OrderTransition } from './order-registry.js';
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
  /** A handler threw: its symbol (or every symbol) stopped quoting and its orders are being cancelled. */
  onHandlerError?(failure: HandlerFailure): void;
  /**
   * A reconcile set a position to the venue's with this adjustment (not an event of the venue: it
   * is not passed to `onExecutionEvent`, so a journal of the venue's fills stays exactly those).
   */
  onPositionAdjusted?(adjustment: OrderFilledEvent, mismatch: { engineLots: number; venueLots: number }): void;
  /** Quoting of a symbol ('*': all) was paused or resumed for a passing cause (stale feed, reconcile). */
  onQuotingPaused?(pause: QuotingPause, paused: boolean): void;
}

/** A strategy (or engine) handler that threw; the engine failed closed on it. */
export interface HandlerFailure {
  /** The symbol that stopped quoting; undefined when every symbol did (onStart, onTimer, onStop). */
  symbol: string | undefined;
  handler: string;
  reason: string;
  error: unknown;
  atUs: Micros;
}

/** Why quoting of a symbol ('*' for all) is paused for now; it resumes when the cause clears. */
export interface QuotingPause {
  symbol: string;
  cause: 'stale-feed' | 'reconcile' | 'position-mismatch';
  reason: string;
}

const ALL_SYMBOLS = '*';

/** How reconciliation treats an order resting at the venue that the engine does not track. */
export type UnknownOrderPolicy = 'cancel' | 'adopt';

/** What a reconciliation found and did, for logs and tests. */
export interface ReconcileOutcome {
  /** Fills the engine had not seen, booked now (each once: the position's fill dedupe). */
  missedFills: OrderFilledEvent[];
  adopted: string[];
  cancelled: string[];
  /** Orders the engine thought live that the venue no longer holds (closed as cancelled). */
  vanished: string[];
  /**
   * Symbols whose position differs from the venue's after the fills: they pause quoting (cause
   * 'position-mismatch') until a reconcile finds them equal, or adopts the venue's position.
   */
  positionMismatches: Array<{ symbol: string; engineLots: number; venueLots: number }>;
  /** With `adoptVenuePositions`: the adjustment fills that set a mismatched position to the venue's. */
  positionAdjustments: OrderFilledEvent[];
}

/** The client order id of a reconcile's position adjustment (a booked fill no order of ours made). */
export const POSITION_ADJUSTMENT_ORDER_ID = 'reconcile-position-adjustment';

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
  /**
   * Fills of earlier sessions (a journal), oldest first, with the mid each was applied at: the
   * positions and PnL resume from them (on top of `openingPositions`), and their ids are known to
   * the fill dedupe. The hooks are not called for them: they are on record already.
   */
  resumedFills?: ReadonlyArray<{ fill: OrderFilledEvent; midTicks?: number | undefined }>;
  /**
   * Orders of an earlier session found resting at start. Their events are this engine's own (a fill
   * is booked, not failed closed on); the first `applyReports` (the start-up reconcile) cancels or
   * adopts those still resting by its unknown-order policy, the one path a reconnect takes too.
   */
  carriedOrders?: readonly OpenOrder[];
  /**
   * How the mids feed the risk manager's volatility rule (current vs normal, sampled with the risk
   * samples); defaults to @mm/risk's DEFAULT_VOLATILITY_FEED.
   */
  volatility?: VolatilityFeedOptions;
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
  readonly volatility: VolatilityFeed;
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
  /** `nextTimerUs()` until a timer is set, cancelled or fired (NaN: not known): a replay asks per row. */
  private nextTimerKnownUs = Number.NaN;
  private readonly riskSampleIntervalUs: Micros;
  private readonly context: EngineContext;
  private outbox: OrderCommand[] = [];
  private dispatchDepth = 0;
  private lastRiskSampleUs = Number.NEGATIVE_INFINITY;
  private decision: RiskDecision;
  private failedClosedReason: string | undefined;
  /** Symbols that stopped quoting for good after a handler threw, with the reason. */
  private readonly haltedSymbols = new Map<string, string>();
  private readonly handlerFailures: HandlerFailure[] = [];
  /** Passing pauses by symbol ('*': all), by cause. */
  private readonly pauses = new Map<string, Map<QuotingPause['cause'], string>>();
  /** Carried-in orders the start-up reconcile has yet to cancel or adopt. */
  private readonly carried = new Set<string>();
  private started = false;
  private stoppedReason: string | undefined;
  /** Counters for reports and tests. */
  readonly stats = { commandsSent: 0, commandsDenied: 0, unknownOrderEvents: 0, riskCancels: 0, handlerErrors: 0 };

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
        volatility: new VolatilityFeed(options.volatility),
      };
      this.slots.set(instrument.symbol, slot);
      this.slotList.push(slot);
    }
    for (const symbol of this.strategy.symbols) this.slot(symbol);
    for (const { fill, midTicks } of options.resumedFills ?? []) this.slot(fill.symbol).position.applyFill(fill, midTicks);
    for (const order of options.carriedOrders ?? []) {
      if (!this.slots.has(order.symbol)) continue;
      this.orders.adopt(order, 'open');
      this.carried.add(order.clientOrderId);
    }
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

  /** Symbols that stopped quoting until restart, with why (a handler threw, `haltSymbol`). */
  get haltedSymbolReasons(): ReadonlyMap<string, string> {
    return this.haltedSymbols;
  }

  /** Handlers that threw, oldest first (the status report and the dashboard show them). */
  get failures(): readonly HandlerFailure[] {
    return this.handlerFailures;
  }

  /** Why `symbol` may not quote now (fail-closed, a handler error, a pause), or undefined when it may. */
  quotingBlockedReason(symbol: string): string | undefined {
    if (this.failedClosedReason !== undefined) return this.failedClosedReason;
    const halted = this.haltedSymbols.get(symbol);
    if (halted !== undefined) return halted;
    for (const key of [symbol, ALL_SYMBOLS]) {
      const causes = this.pauses.get(key);
      if (causes !== undefined) for (const reason of causes.values()) return reason;
    }
    return undefined;
  }

  /** Active pauses (stale feeds, a reconcile in progress), for status reports. */
  get quotingPauses(): QuotingPause[] {
    const result: QuotingPause[] = [];
    for (const [symbol, causes] of this.pauses) for (const [cause, reason] of causes) result.push({ symbol, cause, reason });
    return result;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.dispatch(() => this.strategy.onStart?.(this.context), 'onStart', undefined);
  }

  /** Stops: the strategy is told, every resting order is cancelled (also when the strategy throws). */
  stop(reason: string): void {
    this.stoppedReason ??= reason;
    this.dispatch(() => this.strategy.onStop?.(reason, this.context), 'onStop', undefined);
    this.dispatch(() => this.cancelEverything(reason), 'stop', undefined);
  }

  /**
   * Pauses quoting of `symbol` ('*': all) for `cause` until `resumeQuoting` with the same cause: new
   * places and modifies are denied and the symbol's resting quotes are cancelled (a stale book or
   * an unknown account state is doubt, and doubt is closed).
   */
  pauseQuoting(symbol: string, cause: QuotingPause['cause'], reason: string, options: { cancel?: boolean } = {}): void {
    let causes = this.pauses.get(symbol);
    if (causes === undefined) this.pauses.set(symbol, (causes = new Map()));
    const isNew = !causes.has(cause);
    causes.set(cause, reason);
    if (isNew) this.hooks.onQuotingPaused?.({ symbol, cause, reason }, true);
    if (options.cancel ?? true)
      this.dispatch(() => this.cancelSymbol(symbol === ALL_SYMBOLS ? undefined : symbol, reason), 'pause', undefined);
  }

  resumeQuoting(symbol: string, cause: QuotingPause['cause']): void {
    const causes = this.pauses.get(symbol);
    const reason = causes?.get(cause);
    if (causes === undefined || reason === undefined) return;
    causes.delete(cause);
    if (causes.size === 0) this.pauses.delete(symbol);
    this.hooks.onQuotingPaused?.({ symbol, cause, reason }, false);
    if (!this.started || this.strategy.onQuotingResumed === undefined) return;
    for (const slot of this.slotList) {
      if (symbol !== ALL_SYMBOLS && slot.symbol !== symbol) continue;
      if (this.quotingBlockedReason(slot.symbol) !== undefined) continue;
      this.dispatch(() => this.strategy.onQuotingResumed!(slot.symbol, this.context), 'onQuotingResumed', slot.symbol);
    }
  }

  isPaused(symbol: string, cause: QuotingPause['cause']): boolean {
    return this.pauses.get(symbol)?.has(cause) ?? false;
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
    // Before start() (a live start-up reconcile in progress) the book is kept, the strategy not asked.
    if (this.started && this.strategy.onBook !== undefined) {
      // Inlined dispatch (the replay hot path): no closure per frame.
      this.dispatchDepth += 1;
      try {
        this.strategy.onBook(slot.symbol, this.context);
      } catch (error) {
        this.onHandlerThrew(error, 'onBook', slot.symbol);
      } finally {
        this.dispatchDepth -= 1;
      }
      if (this.dispatchDepth === 0 && this.outbox.length > 0) this.flush();
    }
  }

  onTrade(trade: TradeEvent): void {
    if (!this.started || this.strategy.onTrade === undefined) return;
    this.dispatch(() => this.strategy.onTrade!(trade, this.context), 'onTrade', trade.symbol);
  }

  // ---- execution ----------------------------------------------------------------------------

  onExecutionEvent(event: ExecutionEvent): void {
    const transition = this.orders.onEvent(event);
    try {
      this.hooks.onExecutionEvent?.(event, transition);
    } catch (error) {
      // The journal could not write it: the strategy must not act on an event that is not durable.
      this.failClosed(`the execution-event hook failed on ${event.type}: ${errorMessage(error)}`);
      return;
    }
    if (transition.kind === 'unknown-order') {
      this.stats.unknownOrderEvents += 1;
      this.failClosed(`${event.type} for order ${transition.clientOrderId}, which this engine never sent`);
      return;
    }
    this.dispatch(
      () => {
        if (event.type === 'order-filled') this.applyFill(event);
        if (this.started) this.strategy.onOrderEvent?.(event, this.context);
      },
      'onOrderEvent',
      event.symbol,
    );
  }

  /** An API call failed (timeout, 5xx, 429): feeds the risk manager's error breaker. */
  onApiError(): void {
    this.risk.onApiError(this.clock.now());
    this.dispatch(() => this.refreshRisk(this.clock.now()), 'onApiError', undefined);
  }

  // ---- reconciliation ---------------------------------------------------------------------

  /**
   * Brings the engine's orders and positions in line with the venue's reports, in one handler:
   * 1. fills it has not seen are booked oldest first (a fill of an order it tracks goes through the
   *    normal event path, journal hook included; one it never sent is booked as 'external');
   * 2. resting orders it does not track are cancelled (or adopted, by policy); tracked ones take
   *    the venue's price and size;
   * 3. acknowledged orders the venue no longer holds are closed as cancelled (in-flight places are
   *    left to their own answer);
   * 4. a position that still differs from the venue's stops that symbol (doubt is closed).
   */
  applyReports(
    reports: ExecutionReports,
    options: { unknownOrders?: UnknownOrderPolicy; verifyPositions?: boolean; adoptVenuePositions?: boolean } = {},
  ): ReconcileOutcome {
    const outcome: ReconcileOutcome = {
      missedFills: [],
      adopted: [],
      cancelled: [],
      vanished: [],
      positionMismatches: [],
      positionAdjustments: [],
    };
    const policy = options.unknownOrders ?? 'cancel';
    this.dispatch(
      () => {
        const now = this.clock.now();
        for (const fill of reports.fills) {
          const slot = this.slots.get(fill.symbol);
          if (slot === undefined || slot.position.hasSeenFill(fill.fillId)) continue;
          outcome.missedFills.push(fill);
          const record = this.orders.get(fill.clientOrderId);
          if (record !== undefined) {
            this.onExecutionEvent({ ...fill, localTimeUs: now });
            continue;
          }
          this.hooks.onExecutionEvent?.(fill, { kind: 'external', clientOrderId: fill.clientOrderId });
          this.applyFill(fill);
        }
        const reported = new Set<string>();
        for (const order of reports.openOrders) {
          if (!this.slots.has(order.symbol)) continue;
          reported.add(order.clientOrderId);
          const record = this.orders.get(order.clientOrderId);
          if (record !== undefined && record.status !== 'filled' && record.status !== 'canceled' && record.status !== 'rejected') {
            if (this.carried.delete(order.clientOrderId)) {
              this.decideUnknown(record, order, policy, outcome);
              continue;
            }
            if (record.status === 'pending-new') {
              this.onExecutionEvent({
                type: 'order-accepted',
                symbol: order.symbol,
                clientOrderId: order.clientOrderId,
                venueOrderId: order.venueOrderId ?? '',
                venueTimeUs: reports.asOfUs,
                localTimeUs: now,
              });
            }
            this.orders.syncResting(record, order);
            continue;
          }
          this.decideUnknown(this.orders.adopt(order, 'open'), order, policy, outcome);
        }
        for (const record of this.orders.liveOrders()) {
          if (reported.has(record.clientOrderId) || record.status === 'pending-new') continue;
          outcome.vanished.push(record.clientOrderId);
          this.onExecutionEvent({
            type: 'order-canceled',
            symbol: record.symbol,
            clientOrderId: record.clientOrderId,
            reason: 'not open at the venue (reconcile)',
            venueTimeUs: reports.asOfUs,
            localTimeUs: now,
          });
        }
        // Carried orders not reported were closed as vanished above: none is left to decide.
        this.carried.clear();
        if (options.verifyPositions ?? true) {
          for (const position of reports.positions) {
            const slot = this.slots.get(position.symbol);
            if (slot === undefined) continue;
            if (slot.position.positionLots === position.positionLots) {
              this.resumeQuoting(position.symbol, 'position-mismatch');
              continue;
            }
            const engineLots = slot.position.positionLots;
            outcome.positionMismatches.push({ symbol: position.symbol, engineLots, venueLots: position.positionLots });
            const adjustment =
              options.adoptVenuePositions === true ? this.positionAdjustment(slot, position, reports.asOfUs, now) : undefined;
            if (adjustment !== undefined) {
              // The venue's position is the truth: booked as an adjustment fill, reported apart.
              outcome.positionAdjustments.push(adjustment);
              this.hooks.onPositionAdjusted?.(adjustment, { engineLots, venueLots: position.positionLots });
              this.applyFill(adjustment);
              this.resumeQuoting(position.symbol, 'position-mismatch');
              continue;
            }
            this.pauseQuoting(
              position.symbol,
              'position-mismatch',
              `position ${engineLots} lots here, ${position.positionLots} lots at the venue after reconcile: quoting paused until they agree (the venue's is adopted at the next reconcile)`,
            );
          }
        }
      },
      'reconcile',
      undefined,
    );
    return outcome;
  }

  /**
   * The fill that moves `slot`'s position to the venue's, at the venue's entry price (else the mid,
   * else our entry); undefined when no price is known (the symbol stays paused).
   */
  private positionAdjustment(slot: SymbolSlot, venue: PositionReport, asOfUs: Micros, now: Micros): OrderFilledEvent | undefined {
    const differenceLots = venue.positionLots - slot.position.positionLots;
    const price = venue.averageEntryPriceTicks ?? slot.book.midTicks() ?? slot.position.averageEntryPriceTicks ?? undefined;
    if (price === undefined || !(price >= 1)) return undefined;
    return {
      type: 'order-filled',
      symbol: slot.symbol,
      clientOrderId: POSITION_ADJUSTMENT_ORDER_ID,
      fillId: `reconcile-adjustment:${slot.symbol}:${asOfUs}:${slot.position.positionLots}->${venue.positionLots}`,
      side: differenceLots > 0 ? 'buy' : 'sell',
      priceTicks: Math.round(price),
      sizeLots: Math.abs(differenceLots),
      remainingLots: 0,
      liquidity: 'taker',
      feeQuote: 0,
      venueTimeUs: asOfUs,
      localTimeUs: now,
    };
  }

  /** An order resting at the venue that no session of this engine placed: adopt it, or cancel it. */
  private decideUnknown(record: OrderRecord, order: OpenOrder, policy: UnknownOrderPolicy, outcome: ReconcileOutcome): void {
    if (policy === 'adopt') {
      this.orders.syncResting(record, order);
      outcome.adopted.push(order.clientOrderId);
      return;
    }
    const cancel: OrderCommand = { type: 'cancel-order', symbol: order.symbol, clientOrderId: order.clientOrderId };
    this.orders.onCommandSent(cancel);
    this.outbox.push(cancel);
    outcome.cancelled.push(order.clientOrderId);
  }

  /** Stops quoting `symbol` for good (until restart) and cancels its quotes. */
  haltSymbol(symbol: string, reason: string): void {
    if (!this.haltedSymbols.has(symbol)) this.haltedSymbols.set(symbol, reason);
    this.dispatch(() => this.cancelSymbol(symbol, reason), 'halt', undefined);
  }

  // ---- timers -------------------------------------------------------------------------------

  /** Earliest pending timer, +Infinity when none: the driver advances the clock to it. */
  nextTimerUs(): Micros {
    const known = this.nextTimerKnownUs;
    if (!Number.isNaN(known)) return known;
    for (;;) {
      const top = this.timers.peek();
      if (top === undefined) return (this.nextTimerKnownUs = Number.POSITIVE_INFINITY);
      // Timers rescheduled or cancelled since they were queued are dropped lazily here.
      if (this.timerDue.get(top.name) === top.atUs) return (this.nextTimerKnownUs = top.atUs);
      this.timers.pop();
    }
  }

  /** Fires every timer due at or before the clock's time. */
  fireDueTimers(): void {
    const now = this.clock.now();
    while (this.nextTimerUs() <= now) {
      const timer = this.timers.pop()!;
      this.timerDue.delete(timer.name);
      this.nextTimerKnownUs = Number.NaN;
      const event: TimerEvent = { type: 'timer', name: timer.name, venueTimeUs: now, localTimeUs: now };
      this.dispatch(
        () => {
          this.refreshRisk(now);
          this.strategy.onTimer?.(event, this.context);
        },
        'onTimer',
        undefined,
      );
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  /**
   * Runs one handler to completion. A throw is never swallowed and never leaves the engine half
   * way: the commands it queued are dropped (a place sent with the cancel behind it could outlive
   * it on a venue that runs cancels first), its symbol (or every symbol, for handlers without one)
   * stops quoting, its quotes are cancelled and the reason is reported.
   */
  private dispatch(handler: () => void, name: string, symbol: string | undefined): void {
    this.dispatchDepth += 1;
    try {
      handler();
    } catch (error) {
      this.onHandlerThrew(error, name, symbol);
    } finally {
      this.dispatchDepth -= 1;
    }
    if (this.dispatchDepth === 0 && this.outbox.length > 0) this.flush();
  }

  private onHandlerThrew(error: unknown, handler: string, symbol: string | undefined): void {
    const now = this.clock.now();
    const where = symbol === undefined ? 'every symbol' : symbol;
    const reason = `${this.strategy.name}.${handler} threw: ${errorMessage(error)}; stopped quoting ${where}`;
    this.stats.handlerErrors += 1;
    // Drop what the failed handler queued for the affected symbols; the places were never sent.
    this.outbox = this.outbox.filter((command) => {
      if (command.type === 'cancel-order' || command.type === 'cancel-all') return true;
      if (symbol !== undefined && command.symbol !== symbol) return true;
      if (command.type === 'place-order') this.orders.discard(command.clientOrderId);
      return false;
    });
    const failure: HandlerFailure = { symbol, handler, reason, error, atUs: now };
    this.handlerFailures.push(failure);
    if (symbol === undefined) {
      if (this.failedClosedReason === undefined) this.failedClosedReason = reason;
    } else if (!this.haltedSymbols.has(symbol)) {
      this.haltedSymbols.set(symbol, reason);
    }
    this.cancelSymbol(symbol, reason);
    this.hooks.onHandlerError?.(failure);
    if (symbol === undefined) this.hooks.onFailClosed?.(reason);
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
      if (this.stoppedReason !== undefined) {
        this.deny(command, 'stopped', `the engine was stopped (${this.stoppedReason})`);
        return;
      }
      const blocked = this.quotingBlockedReason(command.symbol);
      if (blocked !== undefined) {
        this.deny(command, this.haltedSymbols.has(command.symbol) ? 'handler-error' : 'quoting-paused', blocked);
        return;
      }
      if (command.type === 'modify-order' && this.orders.get(command.clientOrderId)?.status === 'unknown') {
        this.deny(
          command,
          'order-state-unknown',
          `order ${command.clientOrderId}: the venue refused the last modify or cancel; waiting for its reports`,
        );
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
    // Called inside the handler that sent the command, so a throw here is that handler's.
    this.strategy.onCommandDenied?.(denial, this.context);
  }

  private applyFill(event: OrderFilledEvent): void {
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
      const volatility = slot.volatility.observe(mid, now);
      if (volatility !== undefined) this.risk.onVolatility(slot.symbol, volatility.current, volatility.normal, now);
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
    this.dispatch(() => this.cancelEverything(reason), 'failClosed', undefined);
  }

  private cancelEverything(reason: string): void {
    this.cancelSymbol(undefined, reason);
  }

  /** One cancel-all for `symbol` (undefined: every symbol), if anything of it is live. */
  private cancelSymbol(symbol: string | undefined, reason: string): void {
    if (this.orders.liveOrders(symbol).length === 0) return;
    const command: OrderCommand = symbol === undefined ? { type: 'cancel-all', reason } : { type: 'cancel-all', symbol, reason };
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
        engine.nextTimerKnownUs = Number.NaN;
      },
      cancelTimer: (name) => {
        engine.timerDue.delete(name);
        engine.nextTimerKnownUs = Number.NaN;
      },
    };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
