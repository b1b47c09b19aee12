import type { BookTickerScratch } from './book-ticker-scratch.js';
import type { BookUpdateScratch } from './book-update-scratch.js';
import type { TradeScratch } from './trade-scratch.js';

/**
 * Receives parsed messages as scratch objects, reused between calls (valid only during the call):
 * the allocation-free way to replay a feed. Every method is optional.
 */
export interface MarketDataVisitor {
  bookUpdate?(update: BookUpdateScratch): void;
  trade?(trade: TradeScratch): void;
  bookTicker?(ticker: BookTickerScratch): void;
}

/** A venue's frame parser: raw message text in, visitor calls out. */
export interface MarketDataParser {
  readonly venue: string;
  /** Parses one raw frame and calls the visitor for each message in it; returns how many. */
  emit(payload: string, localTimeUs: number, visitor: MarketDataVisitor): number;
  /** `emit` over UTF-8 bytes `bytes[start, end)`, e.g. a line of a decompressed capture. */
  emitBytes(bytes: Uint8Array, start: number, end: number, localTimeUs: number, visitor: MarketDataVisitor): number;
}
