import { InvalidInputError, type Micros } from '@mm/core';
import { RingDeque } from './ring-deque.js';

/**
 * Counts events (API errors, orders sent) in the rolling window `(now − windowUs, now]`: an event
 * exactly `windowUs` old has left the window. Recording prunes expired times, so the deque holds
 * only what can still count; queries never mutate, so asking twice gives the same answer.
 */
export class SlidingEventCount {
  readonly windowUs: Micros;
  private readonly times = new RingDeque<Micros>();

  constructor(windowUs: Micros) {
    if (!Number.isSafeInteger(windowUs) || windowUs <= 0) {
      throw new InvalidInputError(`window must be a positive integer number of microseconds, got ${windowUs}`);
    }
    this.windowUs = windowUs;
  }

  /** Records one event at `time` (times must not go backwards) and returns the count in the window at `time`. */
  record(time: Micros): number {
    const last = this.times.peekBack();
    if (last !== undefined && time < last) {
      throw new InvalidInputError(`event time ${time} is before the previous event at ${last}`);
    }
    this.prune(time);
    this.times.pushBack(time);
    return this.times.size;
  }

  /** Events in `(now − windowUs, now]`. */
  countAt(now: Micros): number {
    return this.times.size - this.expiredCount(now);
  }

  /**
   * The time of the `index`-th oldest event still in the window at `now` (0 is the oldest), so a
   * caller can say when the count drops: the oldest leaves at its time + `windowUs`.
   */
  timeInWindow(now: Micros, index: number): Micros | undefined {
    return this.times.at(this.expiredCount(now) + index);
  }

  /** Entries held, expired ones not yet pruned included (for memory tests). */
  get heldCount(): number {
    return this.times.size;
  }

  private expiredCount(now: Micros): number {
    const cutoff = now - this.windowUs;
    let expired = 0;
    while (expired < this.times.size && (this.times.at(expired) as Micros) <= cutoff) expired += 1;
    return expired;
  }

  private prune(now: Micros): void {
    const cutoff = now - this.windowUs;
    for (let front = this.times.peekFront(); front !== undefined && front <= cutoff; front = this.times.peekFront()) {
      this.times.popFront();
    }
  }
}
