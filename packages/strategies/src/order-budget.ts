import { InvalidInputError, MICROS_PER_MINUTE, type Micros } from '@mm/core';

/**
 * A token bucket of orders (places and modifies): refilled continuously at `ordersPerMinute`, holding
 * at most a fifth of that as a burst. Any rolling minute then sees at most 1.2 × `ordersPerMinute`
 * orders, so a budget of 50 stays under the risk manager's rolling limit of 60 and requotes are
 * skipped by the strategy instead of denied by the risk gate.
 */
export class OrderBudget {
  private tokens: number;
  private lastRefillUs: Micros | undefined;
  private readonly ratePerUs: number;
  readonly burst: number;

  constructor(readonly ordersPerMinute: number) {
    if (!(ordersPerMinute > 0)) throw new InvalidInputError(`an order budget needs ordersPerMinute > 0, got ${ordersPerMinute}`);
    this.burst = Math.max(2, Math.floor(ordersPerMinute / 5));
    this.tokens = this.burst;
    this.ratePerUs = ordersPerMinute / MICROS_PER_MINUTE;
  }

  /**
   * The most orders this budget lets through in any rolling minute: a full burst at the window's
   * start plus a minute of refill (36 a minute, burst 7: 43). Sizing a risk limit needs it.
   */
  get maxOrdersPerRollingMinute(): number {
    return Math.floor(this.burst + this.ordersPerMinute);
  }

  /** Orders that may be sent at `nowUs`. */
  available(nowUs: Micros): number {
    if (this.lastRefillUs !== undefined && nowUs > this.lastRefillUs) {
      this.tokens = Math.min(this.burst, this.tokens + (nowUs - this.lastRefillUs) * this.ratePerUs);
    }
    this.lastRefillUs = nowUs;
    return Math.floor(this.tokens);
  }

  spend(orders: number, nowUs: Micros): void {
    this.available(nowUs);
    this.tokens -= orders;
  }
}
