import {
  MICROS_PER_MILLI,
  MICROS_PER_MINUTE,
  type ExecutionEvent,
  type ExecutionReports,
  type MarketDataEvent,
  type Micros,
  type Unsubscribe,
} from '@mm/core';
import type { Engine, ReconcileOutcome, UnknownOrderPolicy } from './engine.js';

/** Timer functions, injectable so tests drive time by hand. */
export interface TimerApi {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: TimerApi = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type QueuedEvent =
  | { kind: 'market'; event: MarketDataEvent }
  | { kind: 'execution'; event: ExecutionEvent }
  | { kind: 'api-error' }
  | { kind: 'stale'; symbol: string; silentForUs: Micros }
  | { kind: 'reports'; reports: ExecutionReports };

export interface LiveDriverOptions {
  /** Reconcile before the strategy may quote (default true). */
  reconcileOnStart?: boolean;
  /** Fills since this venue time are booked by the first reconcile (default: the start time). */
  fillsSinceUs?: Micros;
  unknownOrders?: UnknownOrderPolicy;
  /** Retry delays of a failed reconcile: first, doubling up to the maximum (ms). */
  reconcileRetryMs?: { first: number; max: number };
  /** After this many failed attempts in a row the quotes are cancelled while retrying goes on. */
  cancelAfterFailedReconciles?: number;
  /**
   * A position that differs from the venue's after a reconcile pauses its symbol, and the reports
   * are read again after the first retry delay; if it still differs then, the venue's position is
   * adopted (an adjustment fill, reported by the `onPositionAdjusted` hook) and quoting resumes. False: it stays paused, re-read
   * with doubling delays, until the two agree (default true: the venue's position is the truth).
   */
  adoptVenuePositions?: boolean;
  /** What reconciliation did and why it failed, for logs. */
  onReconciled?(outcome: ReconcileOutcome, reason: string): void;
  onReconcileFailed?(error: unknown, attempt: number, retryInMs: number): void;
}

/** Fills this far before the last reconcile are asked for again (the dedupe drops repeats). */
const FILL_REPORT_OVERLAP_US = 5 * MICROS_PER_MINUTE;

/**
 * The live driver: adapters push events into one FIFO, drained one event at a time through the
 * engine (run to completion, never two handlers at once), and the engine's timers are armed on the
 * real clock. It is the live counterpart of the replay driver; the engine and the strategy are the
 * same objects in both.
 */
export class LiveDriver {
  private readonly queue: QueuedEvent[] = [];
  private draining = false;
  private drainScheduled = false;
  private timerHandle: unknown;
  private timerAtUs: Micros = Number.POSITIVE_INFINITY;
  private running = false;
  private readonly options: LiveDriverOptions;
  private reconciling = false;
  private reconcileAgain: string | undefined;
  private reconcileReason = '';
  private reconcileAttempt = 0;
  private retryHandle: unknown;
  private recheckHandle: unknown;
  /** Reconciles in a row that found a position mismatch; the next one may adopt the venue's. */
  private mismatchedReconciles = 0;
  private fillsSinceUs: Micros;
  private unsubscribeVenue: Unsubscribe = () => {};
  private startStrategyOnReconcile = false;
  /** Events handled, for status reports and tests. */
  readonly stats = { marketEvents: 0, executionEvents: 0, apiErrors: 0, maxQueueLength: 0, reconciles: 0, failedReconciles: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly timers: TimerApi = NODE_TIMERS,
    options: LiveDriverOptions = {},
  ) {
    this.options = options;
    this.fillsSinceUs = options.fillsSinceUs ?? engine.clock.now();
  }

  /**
   * Starts: the first reconcile settles the venue's state (orders of an earlier session, fills
   * while away) and only then is the strategy started; meanwhile books are kept, not quoted on.
   * Listens for the venue's doubts from then on.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    const venue = this.engine.venue;
    if (venue.onReconcileNeeded !== undefined) this.unsubscribeVenue = venue.onReconcileNeeded((reason) => this.requestReconcile(reason));
    if (this.options.reconcileOnStart ?? true) {
      this.startStrategyOnReconcile = true;
      this.requestReconcile('start-up');
    } else {
      this.engine.start();
    }
    this.armTimer();
  }

  /** Stops: the strategy is told and every resting order is cancelled (the cancels still go out). */
  stop(reason: string): void {
    if (!this.running) return;
    this.drain();
    this.engine.stop(reason);
    this.running = false;
    this.unsubscribeVenue();
    if (this.timerHandle !== undefined) this.timers.clearTimeout(this.timerHandle);
    this.timerHandle = undefined;
    if (this.retryHandle !== undefined) this.timers.clearTimeout(this.retryHandle);
    this.retryHandle = undefined;
    if (this.recheckHandle !== undefined) this.timers.clearTimeout(this.recheckHandle);
    this.recheckHandle = undefined;
  }

  /** True while a reconcile is pending or being retried (the strategy may not quote). */
  get reconcilePending(): boolean {
    return this.reconciling;
  }

  /**
   * Pauses quoting and reads the venue's reports; the engine applies them in event order and
   * quoting resumes only then. A failed read is retried with doubling delays for as long as it
   * takes, quoting paused; after `cancelAfterFailedReconciles` failures the quotes are cancelled.
   */
  requestReconcile(reason: string): void {
    if (!this.running) return;
    this.engine.pauseQuoting('*', 'reconcile', `reconciling with the venue (${reason})`, { cancel: false });
    if (this.reconciling) {
      if (this.retryHandle !== undefined) {
        // A failed read waits out its backoff; a new cause (the streams are back) reads at once.
        this.timers.clearTimeout(this.retryHandle);
        this.retryHandle = undefined;
        this.reconcileReason = reason;
        this.readReports();
        return;
      }
      this.reconcileAgain = reason;
      return;
    }
    this.reconciling = true;
    this.reconcileAttempt = 0;
    this.reconcileReason = reason;
    this.readReports();
  }

  /** The feed of `symbol` has been silent: its quotes are pulled until a book arrives again. */
  pushStale(symbol: string, silentForUs: Micros): void {
    this.enqueue({ kind: 'stale', symbol, silentForUs });
  }

  private readReports(): void {
    this.engine.venue.reports({ fillsSinceUs: this.fillsSinceUs }).then(
      (reports) => this.enqueue({ kind: 'reports', reports }),
      (error: unknown) => this.onReportsFailed(error),
    );
  }

  private onReportsFailed(error: unknown): void {
    if (!this.running) return;
    this.stats.failedReconciles += 1;
    this.reconcileAttempt += 1;
    this.pushApiError();
    const { first, max } = this.options.reconcileRetryMs ?? { first: 1_000, max: 30_000 };
    const retryInMs = Math.min(max, first * 2 ** (this.reconcileAttempt - 1));
    this.options.onReconcileFailed?.(error, this.reconcileAttempt, retryInMs);
    if (this.reconcileAttempt >= (this.options.cancelAfterFailedReconciles ?? 3)) {
      this.engine.pauseQuoting(
        '*',
        'reconcile',
        `reconcile failed ${this.reconcileAttempt} times (${errorText(error)}); retrying in ${retryInMs} ms`,
      );
    }
    this.retryHandle = this.timers.setTimeout(() => {
      this.retryHandle = undefined;
      if (this.running) this.readReports();
    }, retryInMs);
  }

  private applyReports(reports: ExecutionReports): void {
    const adopt = (this.options.adoptVenuePositions ?? true) && this.mismatchedReconciles > 0;
    const outcome = this.engine.applyReports(reports, {
      ...(this.options.unknownOrders === undefined ? {} : { unknownOrders: this.options.unknownOrders }),
      adoptVenuePositions: adopt,
    });
    this.stats.reconciles += 1;
    this.afterPositionCheck(outcome);
    this.fillsSinceUs = Math.max(this.fillsSinceUs, reports.asOfUs - FILL_REPORT_OVERLAP_US);
    this.options.onReconciled?.(outcome, this.reconcileReason);
    const again = this.reconcileAgain;
    this.reconcileAgain = undefined;
    if (again !== undefined) {
      this.reconcileAttempt = 0;
      this.reconcileReason = again;
      this.readReports();
      return;
    }
    this.reconciling = false;
    this.engine.resumeQuoting('*', 'reconcile');
    if (this.startStrategyOnReconcile) {
      this.startStrategyOnReconcile = false;
      this.engine.start();
    }
  }

  /** A mismatch left standing: read the reports again after a (doubling) delay. */
  private afterPositionCheck(outcome: ReconcileOutcome): void {
    if (outcome.positionMismatches.length <= outcome.positionAdjustments.length) {
      this.mismatchedReconciles = 0;
      return;
    }
    this.mismatchedReconciles += 1;
    if (this.recheckHandle !== undefined) return;
    const { first, max } = this.options.reconcileRetryMs ?? { first: 1_000, max: 30_000 };
    const delayMs = Math.min(max, first * 2 ** (this.mismatchedReconciles - 1));
    this.recheckHandle = this.timers.setTimeout(() => {
      this.recheckHandle = undefined;
      this.requestReconcile('position mismatch: reading the venue again');
    }, delayMs);
  }

  pushMarketData(event: MarketDataEvent): void {
    this.enqueue({ kind: 'market', event });
  }

  pushExecution(event: ExecutionEvent): void {
    this.enqueue({ kind: 'execution', event });
  }

  /** An API call failed: it feeds the risk manager's error breaker in event order. */
  pushApiError(): void {
    this.enqueue({ kind: 'api-error' });
  }

  get queueLength(): number {
    return this.queue.length;
  }

  private enqueue(item: QueuedEvent): void {
    this.queue.push(item);
    if (this.queue.length > this.stats.maxQueueLength) this.stats.maxQueueLength = this.queue.length;
    if (!this.running || this.drainScheduled || this.draining) return;
    // Drain on the next turn, so an adapter that pushes several events from one message hands
    // them all over before the first is handled (and a push from inside a handler never recurses).
    this.drainScheduled = true;
    queueMicrotask(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
        if (item.kind === 'market') {
          this.stats.marketEvents += 1;
          // A book after a stale spell: the symbol may quote again (on this very frame).
          if (item.event.type !== 'trade' && this.engine.isPaused(item.event.symbol, 'stale-feed'))
            this.engine.resumeQuoting(item.event.symbol, 'stale-feed');
          this.engine.onMarketData(item.event);
        } else if (item.kind === 'execution') {
          this.stats.executionEvents += 1;
          this.engine.onExecutionEvent(item.event);
          // The venue refused a modify or cancel: the order's state is unknown until its reports say.
          if (item.event.type === 'command-rejected' && item.event.orderStillResting !== true)
            this.requestReconcile(`${item.event.command} of ${item.event.clientOrderId} refused: ${item.event.reason}`);
        } else if (item.kind === 'api-error') {
          this.stats.apiErrors += 1;
          this.engine.onApiError();
        } else if (item.kind === 'stale') {
          this.engine.pauseQuoting(
            item.symbol,
            'stale-feed',
            `${item.symbol} market data silent for ${Math.round(item.silentForUs / MICROS_PER_MILLI / 1000)} s: quotes pulled until it speaks again`,
          );
        } else {
          this.applyReports(item.reports);
        }
        this.engine.fireDueTimers();
      }
    } finally {
      this.draining = false;
    }
    this.armTimer();
  }

  private armTimer(): void {
    if (!this.running) return;
    const next = this.engine.nextTimerUs();
    if (next === this.timerAtUs && this.timerHandle !== undefined) return;
    if (this.timerHandle !== undefined) this.timers.clearTimeout(this.timerHandle);
    this.timerHandle = undefined;
    this.timerAtUs = next;
    if (next === Number.POSITIVE_INFINITY) return;
    const delayMs = Math.max(0, (next - this.engine.clock.now()) / 1000);
    this.timerHandle = this.timers.setTimeout(() => {
      this.timerHandle = undefined;
      this.timerAtUs = Number.POSITIVE_INFINITY;
      this.engine.fireDueTimers();
      this.drain();
    }, delayMs);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
