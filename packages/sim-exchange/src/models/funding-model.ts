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

/** Settled funding rates (the shape of `@mm/feeds`' `FundingSeries`): ascending UTC times, one rate each. */
export interface FundingRateSeries {
  name: string;
  /** The series' settlement period: its rates are per this period. */
  intervalUs: Micros;
  timesUs: ArrayLike<number>;
  rates: ArrayLike<number>;
}

/**
 * Funding from a real series of settled rates, settled on the venue's own schedule: every
 * `intervalUs` on the UTC clock (Hyperliquid hourly, Binance/Bybit at 00/08/16 UTC). The rate of
 * the settlement at `t` is the series' latest rate at or before `t` (after `shiftUs`), rescaled
 * from the series' period to the venue's (an 8-hourly rate settled hourly is divided by 8; an
 * hourly series settled every 8 h is multiplied by 8, a simplification: the real 8-hour rate is
 * not the last hour's times 8). `shiftUs` moves a series recorded on other dates onto the data's.
 */
export class SeriesFundingModel implements FundingModel {
  readonly scale: number;

  constructor(
    readonly series: FundingRateSeries,
    readonly intervalUs: Micros,
    readonly shiftUs: Micros = 0,
  ) {
    if (!(intervalUs > 0)) throw new InvalidInputError(`funding interval must be > 0 µs, got ${intervalUs}`);
    if (series.timesUs.length === 0) throw new InvalidInputError(`funding series ${series.name} is empty`);
    for (let index = 0; index < series.rates.length; index += 1) {
      const rate = series.rates[index]!;
      if (!Number.isFinite(rate) || Math.abs(rate) > 0.05) {
        throw new InvalidInputError(`funding series ${series.name}: rate ${rate} at row ${index + 1} is not a fraction within ±5%`);
      }
    }
    this.scale = intervalUs / series.intervalUs;
  }

  /** The first and last instants the series covers on the data's clock (after the shift). */
  coverage(): { fromUs: Micros; toUs: Micros } {
    const times = this.series.timesUs;
    return { fromUs: times[0]! + this.shiftUs, toUs: times[times.length - 1]! + this.shiftUs + this.series.intervalUs };
  }

  nextFundingTimeUs(timeUs: Micros): Micros {
    return (Math.floor(timeUs / this.intervalUs) + 1) * this.intervalUs;
  }

  /** The rate settled at `timeUs`; throws where the series does not reach (check `coverage` first). */
  rateAt(timeUs: Micros): number {
    const times = this.series.timesUs;
    const at = timeUs - this.shiftUs;
    const { fromUs, toUs } = this.coverage();
    if (timeUs < fromUs || timeUs >= toUs) {
      throw new InvalidInputError(
        `funding series ${this.series.name} has no rate at ${new Date(timeUs / 1000).toISOString()} (it covers ${new Date(fromUs / 1000).toISOString()} to ${new Date(toUs / 1000).toISOString()} after its shift)`,
      );
    }
    let low = 0;
    let high = times.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (times[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return this.series.rates[low]! * this.scale;
  }
}

/** Funding received (positive) or paid (negative) by a position of `positionBase` at `markPrice`. */
export function fundingPayment(positionBase: number, markPrice: number, rate: number): number {
  return -positionBase * markPrice * rate;
}
