import type { ExecutionEvent, MarketDataEvent, Micros } from '@mm/core';
import type { Engine } from './engine.js';

/** Timer functions, injectable so tests drive time by hand. */
export interface TimerApi {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: TimerApi = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type QueuedEvent = { kind: 'market'; event: MarketDataEvent } | { kind: 'execution'; event: ExecutionEvent } | { kind: 'api-error' };

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
  /** Events handled, for status reports and tests. */
  readonly stats = { marketEvents: 0, executionEvents: 0, apiErrors: 0, maxQueueLength: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly timers: TimerApi = NODE_TIMERS,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.engine.start();
    this.armTimer();
  }

  /** Stops: the strategy is told and every resting order is cancelled (the cancels still go out). */
  stop(reason: string): void {
    if (!this.running) return;
    this.drain();
    this.engine.stop(reason);
    this.running = false;
    if (this.timerHandle !== undefined) this.timers.clearTimeout(this.timerHandle);
    this.timerHandle = undefined;
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
          this.engine.onMarketData(item.event);
        } else if (item.kind === 'execution') {
          this.stats.executionEvents += 1;
          this.engine.onExecutionEvent(item.event);
        } else {
          this.stats.apiErrors += 1;
          this.engine.onApiError();
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
