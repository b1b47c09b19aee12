import { LevelBuffer } from '@mm/book';
import type { BookDeltaEvent, BookSnapshotEvent } from '@mm/core';
import type { BinanceDepthSnapshotEvent, BinanceDepthUpdateEvent } from './feed-events.js';

/**
 * One book message, as parsers fill it: reused for every message, valid until the parser's next
 * call. Levels sit in typed-array buffers (no `Level` objects); `toEvent()` makes an object event
 * when one is wanted. Update ids are NaN for venues without them (Hyperliquid).
 */
export class BookUpdateScratch {
  /** 'snapshot': replaces the book (Binance: within its price range, see the rebuilder). */
  kind: 'snapshot' | 'delta' = 'delta';
  symbol = '';
  venueTimeUs = 0;
  localTimeUs = 0;
  /** Binance `U` (first update id in the event). */
  firstUpdateId = Number.NaN;
  /** Binance `u` of a diff, or `lastUpdateId` of a snapshot. */
  finalUpdateId = Number.NaN;
  /** Binance USD-M `pu`: the previous event's `u`. */
  prevFinalUpdateId = Number.NaN;
  readonly bids = new LevelBuffer();
  readonly asks = new LevelBuffer();

  /** Number of price levels in the message (a "level change" each). */
  get levelCount(): number {
    return this.bids.count + this.asks.count;
  }

  reset(kind: 'snapshot' | 'delta', symbol: string, localTimeUs: number): void {
    this.kind = kind;
    this.symbol = symbol;
    this.localTimeUs = localTimeUs;
    this.venueTimeUs = 0;
    this.firstUpdateId = Number.NaN;
    this.finalUpdateId = Number.NaN;
    this.prevFinalUpdateId = Number.NaN;
    this.bids.clear();
    this.asks.clear();
  }

  /** An object event (allocates); Binance ids are included when present. */
  toEvent(): BookSnapshotEvent | BookDeltaEvent | BinanceDepthSnapshotEvent | BinanceDepthUpdateEvent {
    const base = {
      symbol: this.symbol,
      venueTimeUs: this.venueTimeUs,
      localTimeUs: this.localTimeUs,
      bids: this.bids.toLevels(),
      asks: this.asks.toLevels(),
    };
    if (this.kind === 'snapshot') {
      return Number.isNaN(this.finalUpdateId)
        ? { type: 'book-snapshot', ...base }
        : { type: 'book-snapshot', ...base, lastUpdateId: this.finalUpdateId };
    }
    return Number.isNaN(this.finalUpdateId)
      ? { type: 'book-delta', ...base }
      : {
          type: 'book-delta',
          ...base,
          firstUpdateId: this.firstUpdateId,
          finalUpdateId: this.finalUpdateId,
          prevFinalUpdateId: this.prevFinalUpdateId,
        };
  }
}
