import type { Clock, Micros } from '@mm/core';

/**
 * The operating system's clock in integer microseconds: the live world's `Clock`. Built from
 * `performance.timeOrigin + performance.now()` so it is monotonic within the process and has
 * sub-millisecond resolution; it never goes backwards even if the wall clock is stepped.
 */
export class SystemClock implements Clock {
  private last = 0;

  now(): Micros {
    const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    if (micros > this.last) this.last = micros;
    return this.last;
  }
}
