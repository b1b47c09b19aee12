/**
 * Remembers trade ids already counted. A fill can arrive three ways (WS userFills, its snapshot,
 * the reconcile's userFills query); it must move the position once. Bounded: the oldest ids are
 * forgotten first, far beyond any replay window the venue sends.
 */
export class FillDeduper {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  /** True the first time `tradeId` is offered, false ever after (within capacity). */
  firstTime(tradeId: string): boolean {
    if (this.seen.has(tradeId)) return false;
    this.seen.add(tradeId);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  has(tradeId: string): boolean {
    return this.seen.has(tradeId);
  }

  get size(): number {
    return this.seen.size;
  }
}
