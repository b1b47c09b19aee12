import { InvalidInputError } from '@mm/core';

/**
 * Fees as a fraction of notional, per liquidity side. A negative maker rate is a rebate.
 * Assumption: one flat tier for the whole run (real tiers move with 14/30-day volume).
 */
export interface FeeModel {
  readonly makerRate: number;
  readonly takerRate: number;
  /** Fee in quote currency for a fill of `notionalQuote`; negative = rebate received. */
  fee(notionalQuote: number, liquidity: 'maker' | 'taker'): number;
}

export class FlatFeeModel implements FeeModel {
  constructor(
    readonly makerRate: number,
    readonly takerRate: number,
  ) {
    if (!Number.isFinite(makerRate) || !Number.isFinite(takerRate) || Math.abs(makerRate) > 0.01 || takerRate < 0 || takerRate > 0.01) {
      throw new InvalidInputError(`fee rates look wrong: maker ${makerRate}, taker ${takerRate} (fractions, e.g. 0.0002 = 2 bps)`);
    }
  }

  fee(notionalQuote: number, liquidity: 'maker' | 'taker'): number {
    return notionalQuote * (liquidity === 'maker' ? this.makerRate : this.takerRate);
  }
}

/**
 * Base-tier perp fees per venue: what a new account pays. Every venue here charges makers at its
 * base tier; Hyperliquid's maker rebates (−0.001% to −0.003%) come only with a 14-day share of
 * the exchange's maker volume above 0.5% (official fee schedule, ../shared/venues/hyperliquid.md
 * §3.12): give `makerFeeRate` for an account that has one.
 */
export const VENUE_FEES = {
  hyperliquid: { makerRate: 0.00015, takerRate: 0.00045 },
  'binance-usdm': { makerRate: 0.0002, takerRate: 0.0005 },
  'bybit-linear': { makerRate: 0.0002, takerRate: 0.00055 },
} as const;

export type FeeVenue = keyof typeof VENUE_FEES;

export function venueFeeModel(venue: FeeVenue): FlatFeeModel {
  const rates = VENUE_FEES[venue];
  return new FlatFeeModel(rates.makerRate, rates.takerRate);
}
