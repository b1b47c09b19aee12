import type { Clock, Micros } from '@mm/core';
import { MICROS_PER_MINUTE } from '@mm/core';
import { IP_WEIGHT_LIMIT_PER_MINUTE } from './request-weight.js';

/**
 * A sliding one-minute window of spent request weight. `tryConsume` refuses (rather than queues) what
 * would exceed the limit: a market maker's stale request is worse than none, and the caller
 * learns at once. Surcharges known only after the answer (`charge`) may overdraw; later requests
 * then wait until the window has room again, so the venue's own limit is never hit by us.
 */
export class RequestBudget {
  private readonly spent: { timeUs: Micros; weight: number }[] = [];
  private used = 0;

  constructor(
    private readonly clock: Clock,
    readonly limit: number = IP_WEIGHT_LIMIT_PER_MINUTE,
    private readonly windowUs: Micros = MICROS_PER_MINUTE,
  ) {}

  /** Weight spent in the window ending now. */
  usedWeight(): number {
    this.expire(this.clock.now());
    return this.used;
  }

  /** Spends `weight` if it fits in the window; false (nothing spent) otherwise. */
  tryConsume(weight: number): boolean {
    const now = this.clock.now();
    this.expire(now);
    if (this.used + weight > this.limit) return false;
    this.record(now, weight);
    return true;
  }

  /** Records weight that was spent anyway (a surcharge known after the answer). */
  charge(weight: number): void {
    if (weight <= 0) return;
    const now = this.clock.now();
    this.expire(now);
    this.record(now, weight);
  }

  private record(timeUs: Micros, weight: number): void {
    this.spent.push({ timeUs, weight });
    this.used += weight;
  }

  private expire(now: Micros): void {
    while (this.spent.length > 0 && this.spent[0]!.timeUs <= now - this.windowUs) {
      this.used -= this.spent.shift()!.weight;
    }
  }
}
