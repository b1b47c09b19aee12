import { parseConfig, type Level } from '@mm/core';
import { z } from 'zod';
import { OrderBookSide, type BookSide } from './order-book-side.js';

export const orderBookOptionsSchema = z.strictObject({
  /**
   * Slots of the dense price window per side, in ticks (multiple of 32). A quarter of it is
   * headroom above the best price, the rest reaches into the book; levels beyond it still work,
   * just slower. 65,536 ticks is ±$1,600/−$4,900 around BTC at tick 0.1, in 0.5 MB per side.
   */
  windowTicks: z
    .number()
    .int()
    .min(64)
    .max(1 << 24)
    .refine((ticks) => ticks % 32 === 0, 'must be a multiple of 32')
    .default(1 << 16),
});

export type OrderBookOptions = z.input<typeof orderBookOptionsSchema>;

/** The two sides of a book message (`BookSnapshotEvent`, `BookDeltaEvent` or anything shaped like them). */
export interface BookLevels {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

/**
 * An L2 order book in integer ticks and lots, built for replaying millions of updates a second:
 * updates and top-of-book queries allocate nothing (see `OrderBookSide` for the layout).
 *
 * Crossed books: each side is stored exactly as the feed says; the book never removes levels on
 * its own, because which side is stale depends on the venue and on why it crossed (a missed delta,
 * a late snapshot, an off-by-one in the feed). `isCrossed()` reports it; `trimCrossed(side)`
 * removes the other side's levels that the given side's best price crosses, for callers that
 * trust the side they just updated (the usual choice when a delta moves one side through the other).
 * Depth, mid and imbalance are computed on the stored levels, crossed or not.
 */
export class OrderBook {
  readonly bids: OrderBookSide;
  readonly asks: OrderBookSide;

  constructor(options: OrderBookOptions = {}) {
    const { windowTicks } = parseConfig(orderBookOptionsSchema, options, 'order book options');
    this.bids = new OrderBookSide('bid', windowTicks);
    this.asks = new OrderBookSide('ask', windowTicks);
  }

  side(side: BookSide): OrderBookSide {
    return side === 'bid' ? this.bids : this.asks;
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  /** Replaces the whole book with a snapshot (clear, then load). */
  applySnapshot(snapshot: BookLevels): void {
    this.clear();
    this.bids.applyLevelList(snapshot.bids);
    this.asks.applyLevelList(snapshot.asks);
  }

  /** Applies changed levels; size 0 removes a level, a missing level is ignored. */
  applyDelta(delta: BookLevels): void {
    this.bids.applyLevelList(delta.bids);
    this.asks.applyLevelList(delta.asks);
  }

  setLevel(side: BookSide, priceTicks: number, sizeLots: number): void {
    (side === 'bid' ? this.bids : this.asks).set(priceTicks, sizeLots);
  }

  /** Price levels on both sides. */
  get levelCount(): number {
    return this.bids.levelCount + this.asks.levelCount;
  }

  bestBidTicks(): number | undefined {
    return this.bids.bestPriceTicks();
  }

  bestAskTicks(): number | undefined {
    return this.asks.bestPriceTicks();
  }

  /** Size at the best bid; 0 when there are no bids. */
  bestBidLots(): number {
    return this.bids.bestSizeLots();
  }

  bestAskLots(): number {
    return this.asks.bestSizeLots();
  }

  /** (best bid + best ask) / 2 in ticks (may end in .5); undefined unless both sides have levels. */
  midTicks(): number | undefined {
    const bid = this.bids.bestPriceTicks();
    const ask = this.asks.bestPriceTicks();
    return bid === undefined || ask === undefined ? undefined : (bid + ask) / 2;
  }

  /** Best ask − best bid in ticks (≤ 0 when crossed); undefined unless both sides have levels. */
  spreadTicks(): number | undefined {
    const bid = this.bids.bestPriceTicks();
    const ask = this.asks.bestPriceTicks();
    return bid === undefined || ask === undefined ? undefined : ask - bid;
  }

  /**
   * Size-weighted mid of the touch, `(bid·askLots + ask·bidLots) / (bidLots + askLots)`: leans
   * towards the side with less size, the side more likely to be taken out next.
   */
  microPriceTicks(): number | undefined {
    const bid = this.bids.bestPriceTicks();
    const ask = this.asks.bestPriceTicks();
    if (bid === undefined || ask === undefined) return undefined;
    const bidLots = this.bids.bestSizeLots();
    const askLots = this.asks.bestSizeLots();
    return (bid * askLots + ask * bidLots) / (bidLots + askLots);
  }

  /** True when the best bid is at or above the best ask. */
  isCrossed(): boolean {
    const bid = this.bids.bestPriceTicks();
    const ask = this.asks.bestPriceTicks();
    return bid !== undefined && ask !== undefined && bid >= ask;
  }

  /**
   * Uncrosses the book by keeping `keep`'s levels and removing the other side's levels at or
   * through its best price. Returns the number of levels removed (0 when not crossed).
   */
  trimCrossed(keep: BookSide): number {
    if (!this.isCrossed()) return 0;
    if (keep === 'bid') return this.asks.clearThroughPrice(this.bids.bestPriceTicks()!);
    return this.bids.clearThroughPrice(this.asks.bestPriceTicks()!);
  }

  /**
   * Order-book imbalance over the best `levels` levels of each side:
   * (bidLots − askLots) / (bidLots + askLots), in [−1, 1]; 0 when both are empty.
   */
  imbalance(levels: number): number {
    return imbalanceOf(this.bids.depthLots(levels), this.asks.depthLots(levels));
  }

  /** Imbalance over the size within `ticks` of each side's best price. */
  imbalanceWithinTicks(ticks: number): number {
    return imbalanceOf(this.bids.depthWithinTicks(ticks), this.asks.depthWithinTicks(ticks));
  }
}

function imbalanceOf(bidLots: number, askLots: number): number {
  const total = bidLots + askLots;
  return total === 0 ? 0 : (bidLots - askLots) / total;
}
