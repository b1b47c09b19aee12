import type { Clock, Micros } from '../clock.js';

/**
 * The runtime's high-resolution timer: a web-platform global in Node, Deno, Bun and browsers.
 * Declared here, not taken from the Node types, so the edge tier needs no node typings and its
 * .d.ts stays free of them for consumers compiled with `types: []`.
 */
declare const performance: { readonly timeOrigin: number; now(): number };

/**
 * The real time in integer microseconds since the Unix epoch: the live world's `Clock`, and the
 * only wall clock of the repository (backtests and tests drive a `ManualClock`). Built from
 * `performance.timeOrigin + performance.now()`, so it has sub-millisecond resolution and is
 * monotonic within the process: cooldowns, rate windows and the engine's timers never see time
 * go backwards when the OS clock is stepped (NTP); a step back holds the clock until caught up.
 */
export class SystemClock implements Clock {
  private last: Micros = 0;

  now(): Micros {
    const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    if (micros > this.last) this.last = micros;
    return this.last;
  }
}
