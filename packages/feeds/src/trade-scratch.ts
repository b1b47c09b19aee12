import type { Side } from '@mm/core';
import type { IdentifiedTradeEvent } from './feed-events.js';

/** A `TradeEvent` that parsers overwrite for every trade: copy what you keep, or call `toEvent()`. */
export class TradeScratch implements IdentifiedTradeEvent {
  readonly type = 'trade' as const;
  symbol = '';
  aggressorSide: Side = 'buy';
  priceTicks = 0;
  sizeLots = 0;
  venueTimeUs = 0;
  localTimeUs = 0;
  tradeId = Number.NaN;

  toEvent(): IdentifiedTradeEvent {
    return {
      type: 'trade',
      symbol: this.symbol,
      aggressorSide: this.aggressorSide,
      priceTicks: this.priceTicks,
      sizeLots: this.sizeLots,
      venueTimeUs: this.venueTimeUs,
      localTimeUs: this.localTimeUs,
      tradeId: this.tradeId,
    };
  }
}
