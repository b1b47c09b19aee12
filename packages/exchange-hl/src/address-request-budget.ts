/**
 * Hyperliquid's per-address action limit (official rate-limits page): 10,000 requests plus one per
 * USDC traded since the account began; a batch of n orders counts n; cancels may go on until
 * min(cap + 100,000, 2 × cap) so a limited account can still pull its quotes. The venue reports the
 * figures (`userRateLimit`); between reports we count our own requests and our fills' notional,
 * conservatively (every item of every action counts, answered or not).
 */
export class AddressRequestBudget {
  private used = 0;
  private cap = 10_000;
  private known = false;

  /** Takes the venue's figures (start-up, reconcile). */
  update(nRequestsUsed: number, nRequestsCap: number): void {
    this.used = nRequestsUsed;
    this.cap = nRequestsCap;
    this.known = true;
  }

  /** Our fills raise the cap by one request per USDC traded. */
  onTraded(notionalUsd: number): void {
    if (notionalUsd > 0) this.cap += Math.floor(notionalUsd);
  }

  /** Spends `items` requests if they fit; cancels have the larger allowance. */
  tryConsume(items: number, isCancel: boolean): boolean {
    const limit = isCancel ? Math.min(this.cap + 100_000, 2 * this.cap) : this.cap;
    if (this.used + items > limit) return false;
    this.used += items;
    return true;
  }

  get usedRequests(): number {
    return this.used;
  }

  get capRequests(): number {
    return this.cap;
  }

  /** False until the venue's figures were read once (the defaults are a fresh account's). */
  get fromVenue(): boolean {
    return this.known;
  }
}
