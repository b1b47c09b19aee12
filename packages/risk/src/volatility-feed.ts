import { InvalidInputError, type Micros } from '@mm/core';

export interface VolatilityFeedOptions {
  /** Mids are sampled at most this often (the same data gives the same numbers in a replay and live). */
  sampleIntervalUs: Micros;
  /** Half-life of the current estimate, in samples (short: reacts within seconds). */
  currentHalfLifeSamples: number;
  /** Half-life of the normal (long-run) estimate, in samples. */
  normalHalfLifeSamples: number;
  /** Samples before the estimates are trusted (the normal one needs history to mean anything). */
  warmUpSamples: number;
}

export const DEFAULT_VOLATILITY_FEED: VolatilityFeedOptions = Object.freeze({
  sampleIntervalUs: 1_000_000,
  currentHalfLifeSamples: 15,
  normalHalfLifeSamples: 1_800,
  warmUpSamples: 300,
});

/**
 * The current and normal volatility of one mid, as `RiskManager.onVolatility` wants them: two
 * exponentially weighted averages of squared log returns (bps²) of mids sampled on the clock, one
 * short, one long, both bias-corrected for their start from zero. Pure: a function of the mids and
 * times offered.
 */
export class VolatilityFeed {
  private readonly currentDecay: number;
  private readonly normalDecay: number;
  private currentVariance = 0;
  private normalVariance = 0;
  /** decay^samples of each average: divides out the weight still on the zero they started from. */
  private currentBias = 1;
  private normalBias = 1;
  private lastMid = 0;
  private lastSampleUs = Number.NEGATIVE_INFINITY;
  private samples = 0;

  constructor(private readonly options: VolatilityFeedOptions = DEFAULT_VOLATILITY_FEED) {
    const { sampleIntervalUs, currentHalfLifeSamples, normalHalfLifeSamples, warmUpSamples } = options;
    if (
      !(sampleIntervalUs > 0) ||
      !(currentHalfLifeSamples > 0) ||
      !(normalHalfLifeSamples > currentHalfLifeSamples) ||
      !(warmUpSamples >= 1)
    ) {
      throw new InvalidInputError(
        'VolatilityFeed needs a positive interval, a normal half-life longer than the current one and a warm-up of at least one sample',
        { ...options },
      );
    }
    this.currentDecay = 0.5 ** (1 / currentHalfLifeSamples);
    this.normalDecay = 0.5 ** (1 / normalHalfLifeSamples);
  }

  /**
   * Offers a mid; returns the estimates when a sample was taken and the feed is warm, in bps per
   * sample interval (current ≥ 0, normal > 0), else undefined.
   */
  observe(mid: number, nowUs: Micros): { current: number; normal: number } | undefined {
    if (!(mid > 0)) return undefined;
    if (this.lastMid === 0) {
      this.lastMid = mid;
      this.lastSampleUs = nowUs;
      return undefined;
    }
    if (nowUs - this.lastSampleUs < this.options.sampleIntervalUs) return undefined;
    const returnBps = Math.log(mid / this.lastMid) * 10_000;
    const squared = returnBps * returnBps;
    this.currentVariance = this.currentDecay * this.currentVariance + (1 - this.currentDecay) * squared;
    this.normalVariance = this.normalDecay * this.normalVariance + (1 - this.normalDecay) * squared;
    this.currentBias *= this.currentDecay;
    this.normalBias *= this.normalDecay;
    this.lastMid = mid;
    this.lastSampleUs = nowUs;
    this.samples += 1;
    if (this.samples < this.options.warmUpSamples || this.normalVariance <= 0) return undefined;
    // Bias-corrected, so the long average is not read low while it still fills up.
    return {
      current: Math.sqrt(this.currentVariance / (1 - this.currentBias)),
      normal: Math.sqrt(this.normalVariance / (1 - this.normalBias)),
    };
  }
}
