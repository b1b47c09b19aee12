/** Something wrong with market data: its kind, when it first happened (receive time), how often. */
export interface DataQualityEvent {
  /**
   * Importers: 'clock-backwards' (receive times running backwards in the source),
   * 'update-before-snapshot' (book updates before any snapshot, skipped), 'trade-side-unknown'.
   * Replays: 'book-without-snapshot', 'sequence-gap', 'crossed-book', 'locked-book',
   * 'no-complete-book' (see `@mm/backtest`'s replay driver).
   */
  kind: string;
  localTimeUs: number;
  count: number;
  detail: string;
}

/** Collects data-quality events, one entry per kind (first time and detail kept, later ones counted). */
export class DataQualityLog {
  private readonly entries = new Map<string, DataQualityEvent>();

  note(kind: string, localTimeUs: number, detail: string | (() => string)): void {
    const entry = this.entries.get(kind);
    if (entry === undefined)
      this.entries.set(kind, { kind, localTimeUs, count: 1, detail: typeof detail === 'string' ? detail : detail() });
    else entry.count += 1;
  }

  /** Every kind seen, first occurrence first. */
  events(): DataQualityEvent[] {
    return [...this.entries.values()].sort((a, b) => a.localTimeUs - b.localTimeUs);
  }
}
