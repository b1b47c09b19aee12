import { InvalidInputError, type Micros } from '@mm/core';

/**
 * Volatility of the mid in basis points per sample interval, as an exponentially weighted moving
 * average of squared log returns between samples taken every `sampleIntervalUs` of the clock.
 * Sampling on a fixed clock (not per update) keeps the estimate independent of how chatty the feed
 * is, so the same data gives the same number in a replay and live.
 */
export class MidVolatility {
  private readonly decay: number;
  private varianceBps2: number;
  private lastSampleUs = Number.NEGATIVE_INFINITY;
  private lastMid = 0;
  private samples = 0;

  constructor(
    readonly sampleIntervalUs: Micros,
    halfLifeSamples: number,
    initialVolatilityBps: number,
  ) {
    if (!(sampleIntervalUs > 0) || !(halfLifeSamples > 0) || !(initialVolatilityBps >= 0)) {
      throw new InvalidInputError('MidVolatility needs a positive interval and half-life and a non-negative initial volatility');
    }
    this.decay = 0.5 ** (1 / halfLifeSamples);
    this.varianceBps2 = initialVolatilityBps * initialVolatilityBps;
  }

  /** Offers the current mid; it is used when a sample interval has passed. */
  observe(mid: number, nowUs: Micros): void {
    if (!(mid > 0)) return;
    if (this.lastMid === 0) {
      this.lastMid = mid;
      this.lastSampleUs = nowUs;
      return;
    }
    if (nowUs - this.lastSampleUs < this.sampleIntervalUs) return;
    const returnBps = Math.log(mid / this.lastMid) * 10_000;
    this.varianceBps2 = this.decay * this.varianceBps2 + (1 - this.decay) * returnBps * returnBps;
    this.lastMid = mid;
    this.lastSampleUs = nowUs;
    this.samples += 1;
  }

  get volatilityBps(): number {
    return Math.sqrt(this.varianceBps2);
  }

  get sampleCount(): number {
    return this.samples;
  }
}
