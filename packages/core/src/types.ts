import type { Micros } from './clock.js';

export type Side = 'buy' | 'sell';

export function oppositeSide(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** +1 for buy, −1 for sell: position change per lot filled. */
export function sideSign(side: Side): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}

/**
 * Post-only (Hyperliquid `Alo`): rejected rather than crossing. Good-till-cancel may take.
 * Immediate-or-cancel never rests.
 */
export type TimeInForce = 'post-only' | 'gtc' | 'ioc';

/** Client order id: chosen by us, so an order is known before the venue acknowledges it. */
export type ClientOrderId = string;

/** A price level in integer ticks and lots. */
export interface Level {
  priceTicks: number;
  sizeLots: number;
}

/** Every event carries the venue's time and our local receive time, in integer microseconds. */
export interface Timestamps {
  venueTimeUs: Micros;
  localTimeUs: Micros;
}

/** An order as the strategy/venue sees it while it rests. */
export interface OpenOrder {
  clientOrderId: ClientOrderId;
  symbol: string;
  side: Side;
  priceTicks: number;
  /** Size still resting (original minus filled). */
  sizeLots: number;
  /** Venue order id once acknowledged. */
  venueOrderId?: string;
}

/** One desired resting quote, before it becomes commands. */
export interface Quote {
  side: Side;
  priceTicks: number;
  sizeLots: number;
  /** 0 is the best level, 1 the next one out, ... */
  level: number;
}
