import type { Instrument, OrderFilledEvent } from '@mm/core';
import type { FillSnapshot } from './bot-snapshot.js';

/** A fill as the outside world sees it: prices and sizes off the tick/lot grid, fee in USD (USDC). */
export function fillSnapshotFromEvent(event: OrderFilledEvent, instrument: Pick<Instrument, 'ticksToPrice' | 'lotsToSize'>): FillSnapshot {
  return {
    timeUs: event.venueTimeUs,
    symbol: event.symbol,
    side: event.side,
    price: instrument.ticksToPrice(event.priceTicks),
    size: instrument.lotsToSize(event.sizeLots),
    liquidity: event.liquidity,
    feeUsd: event.feeQuote,
  };
}

/** The newest fills, newest first, at most `capacity` (the snapshot's `recentFills`, 50). */
export class RecentFills {
  private fills: FillSnapshot[] = [];

  constructor(private readonly capacity = 50) {}

  push(fill: FillSnapshot): void {
    this.fills.unshift(fill);
    if (this.fills.length > this.capacity) this.fills.length = this.capacity;
  }

  /** A copy, so a published snapshot never changes under its readers. */
  list(): FillSnapshot[] {
    return [...this.fills];
  }
}
