import { describe, expect, it } from 'vitest';
import { RiskManager } from './risk-manager.js';
import { VolatilityFeed } from './volatility-feed.js';

const S = 1_000_000;

describe('VolatilityFeed', () => {
  it('is silent until warm, then gives the RMS return of the mids in bps per sample', () => {
    const feed = new VolatilityFeed({ sampleIntervalUs: S, currentHalfLifeSamples: 2, normalHalfLifeSamples: 50, warmUpSamples: 3 });
    // Mids alternating ±1 bp (log returns of exactly ±1 bp): every estimate converges to 1 bp.
    const up = Math.exp(1 / 10_000);
    let mid = 100;
    const seen: Array<{ current: number; normal: number } | undefined> = [];
    for (let i = 0; i <= 400; i += 1) {
      seen.push(feed.observe(mid, i * S));
      feed.observe(mid * 2, i * S + S / 2); // within the interval: not sampled
      mid = i % 2 === 0 ? mid * up : mid / up;
    }
    expect(seen.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(seen[400]!.current).toBeCloseTo(1, 9);
    expect(seen[400]!.normal).toBeCloseTo(1, 9);
    // Bias-corrected: right from the first warm sample, not read low while the average fills up.
    expect(seen[3]).toEqual({ current: expect.closeTo(1, 9), normal: expect.closeTo(1, 9) });
  });

  it('fires the risk manager volatility rule when the current volatility jumps past 3× normal', () => {
    const feed = new VolatilityFeed({ sampleIntervalUs: S, currentHalfLifeSamples: 1, normalHalfLifeSamples: 500, warmUpSamples: 10 });
    const risk = new RiskManager({ capitalUsd: 10_000 });
    let mid = 100;
    let t = 0;
    const step = (bps: number) => {
      mid *= Math.exp((t % 2 === 0 ? bps : -bps) / 10_000);
      t += 1;
      const estimate = feed.observe(mid, t * S);
      if (estimate !== undefined) risk.onVolatility('BTC', estimate.current, estimate.normal, t * S);
    };
    for (let i = 0; i < 200; i += 1) step(1);
    expect(risk.evaluate(t * S).firedRules.map((rule) => rule.ruleId)).not.toContain('volatility');
    for (let i = 0; i < 5; i += 1) step(10);
    expect(risk.evaluate(t * S).firedRules.map((rule) => rule.ruleId)).toContain('volatility');
  });
});
