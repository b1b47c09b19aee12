import type { Micros } from '@mm/core';

/**
 * The local half of the dead man's switch: the caller's loop calls `heartbeat` every iteration;
 * when none came for `stallAfterUs`, `check` reports the stall once (the adapter then cancels all)
 * and stays quiet until the loop beats again.
 */
export class HeartbeatWatchdog {
  private lastBeatUs: Micros | undefined;
  private fired = false;

  constructor(private readonly stallAfterUs: Micros) {}

  heartbeat(nowUs: Micros): void {
    this.lastBeatUs = nowUs;
    this.fired = false;
  }

  /** The stall length when the watchdog fires now; undefined when the loop is alive or it already fired. */
  check(nowUs: Micros): Micros | undefined {
    if (this.lastBeatUs === undefined || this.fired) return undefined;
    const silentUs = nowUs - this.lastBeatUs;
    if (silentUs <= this.stallAfterUs) return undefined;
    this.fired = true;
    return silentUs;
  }
}
