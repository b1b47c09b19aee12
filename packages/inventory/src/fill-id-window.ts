/**
 * The fill ids seen most recently, for deduplication. Bounded because a market maker fills all day
 * and an unbounded set is a slow leak; duplicates in practice are replays on reconnect, minutes
 * apart, so a window of many thousand fills catches them. Oldest ids are forgotten first.
 */
export class FillIdWindow {
  readonly capacity: number;
  private readonly seen = new Set<string>();
  /** Ring of remembered ids in arrival order; `oldest` is where the next eviction happens. */
  private readonly order: string[] = [];
  private oldest = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.seen.size;
  }

  has(fillId: string): boolean {
    return this.seen.has(fillId);
  }

  /** Remembers `fillId`; returns false (and changes nothing) when it was already remembered. */
  remember(fillId: string): boolean {
    if (this.seen.has(fillId)) return false;
    if (this.order.length < this.capacity) {
      this.order.push(fillId);
    } else {
      const evicted = this.order[this.oldest] as string;
      this.seen.delete(evicted);
      this.order[this.oldest] = fillId;
      this.oldest = (this.oldest + 1) % this.capacity;
    }
    this.seen.add(fillId);
    return true;
  }
}
