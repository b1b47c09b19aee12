import type { Micros } from '@mm/core';

/**
 * A breaker that, once tripped, stays on until `until` on the injected clock: active while
 * `now < until`, over at exactly `until`. Tripping again while active extends it (never shortens)
 * and keeps the episode's start, so a condition that keeps recurring keeps the breaker on for a
 * full cooldown after its last occurrence. `detail` is what the latest trip saw, for the reason text.
 */
export class Cooldown<Detail> {
  private state: { since: Micros; until: Micros; detail: Detail } | undefined;

  trip(now: Micros, until: Micros, detail: Detail): void {
    if (this.state !== undefined && now < this.state.until) {
      this.state = { since: this.state.since, until: Math.max(this.state.until, until), detail };
    } else {
      this.state = { since: now, until, detail };
    }
  }

  /** The episode in force at `now`, or undefined once it has expired (or never tripped). */
  activeAt(now: Micros): { since: Micros; until: Micros; detail: Detail } | undefined {
    return this.state !== undefined && now < this.state.until ? this.state : undefined;
  }

  clear(): void {
    this.state = undefined;
  }
}
