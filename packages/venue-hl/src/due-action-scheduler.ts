import type { Micros } from '@mm/core';
import type { Scheduler } from '@mm/sim-exchange';

interface DueAction {
  atUs: Micros;
  sequence: number;
  action: () => void;
}

/**
 * The matching engine's scheduler inside the venue: its time is the venue's (moved forward by the
 * replay and by requests, never backwards), and `runDue` runs what is due in time order. With zero
 * latency models every answer to a request is due at once, so a request handler sends, runs what
 * is due and has its acks before it responds.
 */
export class DueActionScheduler implements Scheduler {
  private current: Micros;
  private sequence = 0;
  private readonly queue: DueAction[] = [];

  constructor(startUs: Micros) {
    this.current = startUs;
  }

  now(): Micros {
    return this.current;
  }

  /** Moves venue time to `timeUs` (no-op when that is in the past). */
  moveTo(timeUs: Micros): void {
    if (timeUs > this.current) this.current = timeUs;
  }

  schedule(atUs: Micros, action: () => void): void {
    const entry = { atUs, sequence: this.sequence++, action };
    let index = this.queue.length;
    while (index > 0 && compare(this.queue[index - 1]!, entry) > 0) index -= 1;
    this.queue.splice(index, 0, entry);
  }

  /** Runs every action due at or before the current time, including those they schedule. */
  runDue(): number {
    let ran = 0;
    while (this.queue.length > 0 && this.queue[0]!.atUs <= this.current) {
      const next = this.queue.shift()!;
      next.action();
      ran += 1;
    }
    return ran;
  }

  get pending(): number {
    return this.queue.length;
  }
}

function compare(a: DueAction, b: DueAction): number {
  return a.atUs - b.atUs || a.sequence - b.sequence;
}
