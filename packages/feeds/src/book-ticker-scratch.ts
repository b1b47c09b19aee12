import type { BookTickerEvent } from './feed-events.js';

/** A `BookTickerEvent` that parsers overwrite for every message. */
export class BookTickerScratch implements BookTickerEvent {
  readonly type = 'book-ticker' as const;
  symbol = '';
  bidPriceTicks = 0;
  bidSizeLots = 0;
  askPriceTicks = 0;
  askSizeLots = 0;
  updateId = Number.NaN;
  venueTimeUs = 0;
  localTimeUs = 0;

  toEvent(): BookTickerEvent {
    return {
      type: 'book-ticker',
      symbol: this.symbol,
      bidPriceTicks: this.bidPriceTicks,
      bidSizeLots: this.bidSizeLots,
      askPriceTicks: this.askPriceTicks,
      askSizeLots: this.askSizeLots,
      updateId: this.updateId,
      venueTimeUs: this.venueTimeUs,
      localTimeUs: this.localTimeUs,
    };
  }
}
