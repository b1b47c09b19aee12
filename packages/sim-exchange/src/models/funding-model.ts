import { InvalidInputError, MICROS_PER_HOUR, type Micros } from '@mm/core';

/**
 * Perpetual funding: at each funding time, longs pay shorts `rate × position notional` (a negative
 * rate means shorts pay longs). Assumption: one constant rate per interval, marked at the mid at the
 * funding instant. Hyperliquid settles every hour; Binance and Bybit every 8 hours.
 */
export interface FundingModel {
  /** The next funding time strictly after `timeUs`. */
  nextFundingTimeUs(timeUs: Micros): Micros;
  /** Rate applying at `timeUs` (fraction of notional per interval). */
  rateAt(timeUs: Micros): number;
}

export class ConstantFundingModel implements FundingModel {
  constructor(
    readonly ratePerInterval: number,
    readonly intervalUs: Micros = MICROS_PER_HOUR,
  ) {
    if (!Number.isFinite(ratePerInterval) || Math.abs(ratePerInterval) > 0.05) {
      throw new InvalidInputError(`funding rate per interval must be a fraction within ±5%, got ${ratePerInterval}`);
    }
    if (!(intervalUs > 0)) throw new InvalidInputError(`funding interval must be > 0 µs, got ${intervalUs}`);
  }

  nextFundingTimeUs(timeUs: Micros): Micros {
    return (Math.floor(timeUs / this.intervalUs) + 1) * this.intervalUs;
  }

  rateAt(_timeUs?: Micros): number {
    return this.ratePerInterval;
  }
}

/** Funding received (positive) or paid (negative) by a position of `positionBase` at `markPrice`. */
export function fundingPayment(positionBase: number, markPrice: number, rate: number): number {
  return -positionBase * markPrice * rate;
}
