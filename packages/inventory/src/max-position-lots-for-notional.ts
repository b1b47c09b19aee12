import { InvalidInputError, type Instrument } from '@mm/core';

/**
 * Turns a position limit in quote currency (e.g. "$50,000 of BTC") into lots at `priceTicks`,
 * rounded down so the limit in lots never allows more notional than meant. The ladder works in
 * lots, the unit orders and hedges are sized in; at one price the two ratios q/max are the same.
 */
export function maxPositionLotsForNotional(instrument: Instrument, maxNotionalQuote: number, priceTicks: number): number {
  const context = { symbol: instrument.symbol, maxNotionalQuote, priceTicks };
  if (!Number.isFinite(maxNotionalQuote) || maxNotionalQuote <= 0) {
    throw new InvalidInputError(`maxNotionalQuote must be a positive finite number, got ${maxNotionalQuote}`, context);
  }
  if (!Number.isFinite(priceTicks) || priceTicks <= 0) {
    throw new InvalidInputError(`priceTicks must be a positive finite number, got ${priceTicks}`, context);
  }
  return instrument.sizeToLots(maxNotionalQuote / (priceTicks * instrument.tickSize), 'down');
}
