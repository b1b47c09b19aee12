import type { ClientOrderId, Level, Side, Timestamps } from './types.js';

/** A whole book (Hyperliquid `l2Book` frames, Binance REST snapshots). Bids best first, asks best first. */
export interface BookSnapshotEvent extends Timestamps {
  type: 'book-snapshot';
  symbol: string;
  bids: readonly Level[];
  asks: readonly Level[];
}

/** Changed levels of a book; `sizeLots` 0 removes the level. */
export interface BookDeltaEvent extends Timestamps {
  type: 'book-delta';
  symbol: string;
  bids: readonly Level[];
  asks: readonly Level[];
}

/** A public trade; `aggressorSide` is the taker's side. */
export interface TradeEvent extends Timestamps {
  type: 'trade';
  symbol: string;
  aggressorSide: Side;
  priceTicks: number;
  sizeLots: number;
}

/** The venue accepted our order; it now rests. */
export interface OrderAcceptedEvent extends Timestamps {
  type: 'order-accepted';
  symbol: string;
  clientOrderId: ClientOrderId;
  venueOrderId: string;
}

/** The venue refused our order (post-only would cross, tick rule, margin...); `reason` is the venue's own words. */
export interface OrderRejectedEvent extends Timestamps {
  type: 'order-rejected';
  symbol: string;
  clientOrderId: ClientOrderId;
  reason: string;
}

/** A fill of our order. `feeQuote` is negative for a maker rebate. */
export interface OrderFilledEvent extends Timestamps {
  type: 'order-filled';
  symbol: string;
  clientOrderId: ClientOrderId;
  /** Venue's id of this fill (trade id), for deduplication. */
  fillId: string;
  side: Side;
  priceTicks: number;
  sizeLots: number;
  /** Size still resting after this fill. */
  remainingLots: number;
  liquidity: 'maker' | 'taker';
  /** Fee paid in quote currency; negative = rebate received. */
  feeQuote: number;
}

/** Our order left the book without (further) fills. */
export interface OrderCanceledEvent extends Timestamps {
  type: 'order-canceled';
  symbol: string;
  clientOrderId: ClientOrderId;
  /** 'requested' by us, or the venue's reason (dead man's switch, margin, self-trade). */
  reason: string;
}

/** A modify took effect: the order now rests at the new price/size. */
export interface OrderModifiedEvent extends Timestamps {
  type: 'order-modified';
  symbol: string;
  clientOrderId: ClientOrderId;
  priceTicks: number;
  sizeLots: number;
}

/** The venue refused a cancel or modify (unknown order, already filled). */
export interface CommandRejectedEvent extends Timestamps {
  type: 'command-rejected';
  symbol: string;
  clientOrderId: ClientOrderId;
  command: 'modify-order' | 'cancel-order';
  reason: string;
  /**
   * What the venue says of the order: true when it still rests unchanged (a modify refused for its
   * new price or size), false when it is gone (never placed, filled, cancelled). Absent when the
   * answer does not tell: then only the venue's reports can.
   */
  orderStillResting?: boolean;
}

/** A funding payment on a perpetual position; positive = received. */
export interface FundingEvent extends Timestamps {
  type: 'funding';
  symbol: string;
  amountQuote: number;
  rate: number;
}

/** A timer the strategy asked for, delivered through the same queue as market data. */
export interface TimerEvent extends Timestamps {
  type: 'timer';
  name: string;
}

export type MarketDataEvent = BookSnapshotEvent | BookDeltaEvent | TradeEvent;
export type ExecutionEvent =
  | OrderAcceptedEvent
  | OrderRejectedEvent
  | OrderFilledEvent
  | OrderCanceledEvent
  | OrderModifiedEvent
  | CommandRejectedEvent
  | FundingEvent;
export type MmEvent = MarketDataEvent | ExecutionEvent | TimerEvent;
