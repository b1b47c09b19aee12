import type { BookDeltaEvent, BookSnapshotEvent, MarketDataEvent, Timestamps, TradeEvent } from '@mm/core';

/**
 * Best bid/offer as the venue pushes it (Binance `bookTicker`), separately from the depth stream.
 * Not a `@mm/core` event yet: the book is the source of truth; this is for cross-checks and
 * latency studies.
 */
export interface BookTickerEvent extends Timestamps {
  type: 'book-ticker';
  symbol: string;
  bidPriceTicks: number;
  bidSizeLots: number;
  askPriceTicks: number;
  askSizeLots: number;
  /** The venue's book update id this ticker reflects (Binance `u`). */
  updateId: number;
}

/**
 * Depth updates were missed: the book may be wrong until the next snapshot. Reported as a value so
 * the caller chooses (resubscribe, stop quoting, or carry on in a backtest).
 */
export interface BookGapEvent extends Timestamps {
  type: 'book-gap';
  symbol: string;
  /**
   * 'missing-bridge': after a snapshot, the first update does not cover its `lastUpdateId`.
   * 'sequence-break': an update's `pu` is not the previous update's `u`.
   */
  reason: 'missing-bridge' | 'sequence-break';
  /** The update id the chain expected to continue from (previous `u`, or the snapshot's id). */
  expectedPrevUpdateId: number;
  firstUpdateId: number;
  finalUpdateId: number;
  prevFinalUpdateId: number;
}

/** A Binance REST depth snapshot: a `BookSnapshotEvent` plus the id to sequence diffs against. */
export interface BinanceDepthSnapshotEvent extends BookSnapshotEvent {
  lastUpdateId: number;
}

/** A Binance `depthUpdate`: a `BookDeltaEvent` plus its update ids (`U`, `u`, `pu`). */
export interface BinanceDepthUpdateEvent extends BookDeltaEvent {
  firstUpdateId: number;
  finalUpdateId: number;
  prevFinalUpdateId: number;
}

/** A public trade with the venue's trade id (Binance `t`, Hyperliquid `tid`; NaN if not exact). */
export interface IdentifiedTradeEvent extends TradeEvent {
  tradeId: number;
}

/** Everything the capture readers produce as objects. */
export type FeedEvent = MarketDataEvent | BookTickerEvent | BookGapEvent;
