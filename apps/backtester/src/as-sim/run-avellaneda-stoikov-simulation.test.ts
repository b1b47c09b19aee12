import { ConfigError } from '@mm/core';
import { optimalSpread } from '@mm/quoter';
import { describe, expect, it } from 'vitest';
import {
  runAvellanedaStoikovSimulation,
  type AvellanedaStoikovSimulationResult,
  type AvellanedaStoikovStrategyStats,
} from './run-avellaneda-stoikov-simulation.js';

/** Avellaneda & Stoikov (2008), section 4, 1000 paths per γ (the brief's copy of the paper's tables). */
const paper = {
  0.1: {
    inventory: { spread: 1.29, profitMean: 62.94, profitStd: 5.89, finalQMean: 0.1, finalQStd: 2.8 },
    symmetric: { spread: 1.29, profitMean: 67.21, profitStd: 13.43, finalQMean: -0.018, finalQStd: 8.66 },
  },
  0.01: { inventory: { spread: 1.33, profitMean: 66.78, profitStd: 8.76 }, symmetric: { profitMean: 68.44, profitStd: 16.57 } },
  1: { inventory: { spread: 1.15, profitMean: 33.92, profitStd: 4.72 }, symmetric: { profitMean: 38.93, profitStd: 11.89 } },
} as const;

const PAPER_SETTING = { sigma: 2, T: 1, dt: 0.005, kappa: 1.5 };

/** The inventory strategy's spread γσ²(T−t) + (2/γ)ln(1+γ/κ), averaged over the 200 quoting times. */
function averageQuotedSpread(gamma: number): number {
  const steps = Math.round(PAPER_SETTING.T / PAPER_SETTING.dt);
  let sum = 0;
  for (let step = 0; step < steps; step += 1) {
    sum += optimalSpread({
      riskAversion: gamma,
      volatility: PAPER_SETTING.sigma,
      timeToHorizon: PAPER_SETTING.T - step * PAPER_SETTING.dt,
      orderBookLiquidity: PAPER_SETTING.kappa,
    });
  }
  return sum / steps;
}

function expectWithinRelative(actual: number, expected: number, relativeTolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relativeTolerance * Math.abs(expected));
}

/** |mean| within `standardErrors` standard errors of 0. */
function expectMeanNearZero(stats: AvellanedaStoikovStrategyStats, paths: number, standardErrors = 3): void {
  expect(Math.abs(stats.finalQMean)).toBeLessThan((standardErrors * stats.finalQStd) / Math.sqrt(paths));
}

const runs = new Map<number, AvellanedaStoikovSimulationResult>();
/** The paper's experiment for one γ: 1000 paths, seed 1 (memoised: several tests read each run). */
function paperRun(gamma: number): AvellanedaStoikovSimulationResult {
  let result = runs.get(gamma);
  if (result === undefined) {
    result = runAvellanedaStoikovSimulation({ gamma, paths: 1000, seed: 1 });
    runs.set(gamma, result);
  }
  return result;
}

describe('runAvellanedaStoikovSimulation', () => {
  it('is deterministic per seed, and the seed matters', () => {
    const first = runAvellanedaStoikovSimulation({ gamma: 0.1, paths: 200, seed: 7 });
    expect(runAvellanedaStoikovSimulation({ gamma: 0.1, paths: 200, seed: 7 })).toEqual(first);
    const other = runAvellanedaStoikovSimulation({ gamma: 0.1, paths: 200, seed: 8 });
    expect(other.inventory.profitMean).not.toBe(first.inventory.profitMean);
    expect(other.symmetric.profitMean).not.toBe(first.symmetric.profitMean);
  });

  it('returns exactly the two strategies and their five statistics', () => {
    const result = runAvellanedaStoikovSimulation({ gamma: 0.1, paths: 10, seed: 1 });
    const keys = ['finalQMean', 'finalQStd', 'profitMean', 'profitStd', 'spread'];
    expect(Object.keys(result).sort()).toEqual(['inventory', 'symmetric']);
    expect(Object.keys(result.inventory).sort()).toEqual(keys);
    expect(Object.keys(result.symmetric).sort()).toEqual(keys);
  });

  it('uses common random numbers: strategies quoting alike get identical paths', () => {
    // γ → 0: the reservation price is the mid and the spread a constant 2/κ, so the symmetric
    // strategy quotes the same prices; with independent draws the outcomes would differ by noise.
    const result = runAvellanedaStoikovSimulation({ gamma: 1e-9, paths: 300, seed: 3 });
    expect(result.symmetric.spread).toBeCloseTo(result.inventory.spread, 12);
    expect(result.symmetric.finalQMean).toBe(result.inventory.finalQMean);
    expect(result.symmetric.finalQStd).toBe(result.inventory.finalQStd);
    expect(result.symmetric.profitMean).toBeCloseTo(result.inventory.profitMean, 4);
    expect(result.symmetric.profitStd).toBeCloseTo(result.inventory.profitStd, 4);
  });

  it('earns the model expectation 2·N·A·e^(−κδ)·dt·δ on a frozen mid', () => {
    // σ = 0: no inventory risk, both strategies quote the constant (2/γ)ln(1+γ/κ) around the mid
    // and earn δ per fill; fills per side are Binomial(N, A·e^(−κδ)·dt).
    const paths = 2000;
    const { inventory, symmetric } = runAvellanedaStoikovSimulation({ gamma: 0.1, paths, seed: 5, sigma: 0 });
    const spread = (2 / 0.1) * Math.log1p(0.1 / 1.5);
    expect(inventory.spread).toBeCloseTo(spread, 12);
    expect(symmetric.spread).toBeCloseTo(spread, 12);
    const halfSpread = spread / 2;
    const fillProbability = 140 * Math.exp(-1.5 * halfSpread) * 0.005;
    const expectedProfit = 2 * 200 * fillProbability * halfSpread;
    const profitStd = halfSpread * Math.sqrt(2 * 200 * fillProbability * (1 - fillProbability));
    expect(Math.abs(symmetric.profitMean - expectedProfit)).toBeLessThan((4 * profitStd) / Math.sqrt(paths));
    expect(symmetric.profitStd).toBeCloseTo(profitStd, 0);
    expect(inventory).toEqual(symmetric);
  });

  it('caps the fill probability at one per side per step', () => {
    // A·dt = 5000 ≫ 1: every quote fills every step, so each step earns exactly the spread, flat.
    const { inventory } = runAvellanedaStoikovSimulation({ gamma: 0.1, paths: 5, seed: 1, sigma: 0, A: 1e6 });
    expect(inventory.profitMean).toBeCloseTo(200 * inventory.spread, 9);
    expect(inventory.profitStd).toBeCloseTo(0, 9);
    expect(inventory.finalQMean).toBe(0);
    expect(inventory.finalQStd).toBe(0);
  });

  describe("the paper's experiment, γ = 0.1, 1000 paths", () => {
    it('quotes the finite-horizon optimal spread; its liquidity part is the 1.29 the paper tabulates', () => {
      const { inventory, symmetric } = paperRun(0.1);
      // The strategy quotes γσ²(T−t) + (2/γ)ln(1+γ/κ), whose time average is 1.49. The paper's
      // 1.29 (and 1.33 at γ = 0.01) is the (2/γ)ln(1+γ/κ) term alone, without the average
      // γσ²(T−t) = 0.2; our spread reports what was actually quoted.
      expect(inventory.spread).toBeCloseTo(averageQuotedSpread(0.1), 9);
      const inventoryRiskPart = (0.1 * 4 * (1 + 0.005)) / 2;
      expect(Math.abs(inventory.spread - inventoryRiskPart - paper[0.1].inventory.spread)).toBeLessThan(0.05);
      expect(symmetric.spread).toBeCloseTo(inventory.spread, 9);
    });

    it('reproduces the mean profits and dispersions of the paper', () => {
      const { inventory, symmetric } = paperRun(0.1);
      expectWithinRelative(inventory.profitMean, paper[0.1].inventory.profitMean, 0.1);
      expectWithinRelative(symmetric.profitMean, paper[0.1].symmetric.profitMean, 0.1);
      expectWithinRelative(inventory.profitStd, paper[0.1].inventory.profitStd, 0.15);
      expectWithinRelative(symmetric.profitStd, paper[0.1].symmetric.profitStd, 0.15);
      expectWithinRelative(inventory.finalQStd, paper[0.1].inventory.finalQStd, 0.15);
      expectWithinRelative(symmetric.finalQStd, paper[0.1].symmetric.finalQStd, 0.15);
      // The paper's final q means (0.10, −0.018) are noise around 0.
      expectMeanNearZero(inventory, 1000);
      expectMeanNearZero(symmetric, 1000);
    });

    it('trades a little mean profit for a much smaller dispersion of profit and inventory', () => {
      const { inventory, symmetric } = paperRun(0.1);
      expect(inventory.profitMean).toBeLessThan(symmetric.profitMean);
      expect(inventory.profitStd).toBeLessThan(0.6 * symmetric.profitStd);
      expect(inventory.finalQStd).toBeLessThan(0.5 * symmetric.finalQStd);
    });
  });

  describe("the paper's trend over γ = 0.01, 0.1, 1", () => {
    it('γ = 0.01: almost the symmetric strategy — same mean profit, still less dispersion', () => {
      const { inventory, symmetric } = paperRun(0.01);
      expect(inventory.spread).toBeCloseTo(averageQuotedSpread(0.01), 9);
      expect(Math.abs(inventory.spread - (0.01 * 4 * (1 + 0.005)) / 2 - paper[0.01].inventory.spread)).toBeLessThan(0.05);
      expectWithinRelative(inventory.profitMean, paper[0.01].inventory.profitMean, 0.1);
      expectWithinRelative(symmetric.profitMean, paper[0.01].symmetric.profitMean, 0.1);
      expectWithinRelative(inventory.profitStd, paper[0.01].inventory.profitStd, 0.15);
      // The paper's 16.57 is above its own γ = 0.1 symmetric 13.43 at nearly the same spread; ours
      // stays near 14, so only the ordering is asserted.
      expect(inventory.profitStd).toBeLessThan(0.75 * symmetric.profitStd);
      expect(Math.abs(symmetric.profitMean - inventory.profitMean)).toBeLessThan(0.05 * symmetric.profitMean);
    });

    it('γ = 1: a wide, strongly skewed quote — much lower profit and much lower risk', () => {
      const { inventory, symmetric } = paperRun(1);
      expect(inventory.spread).toBeCloseTo(averageQuotedSpread(1), 9);
      expectWithinRelative(inventory.profitMean, paper[1].inventory.profitMean, 0.1);
      expectWithinRelative(inventory.profitStd, paper[1].inventory.profitStd, 0.15);
      // The paper's γ = 1 spread (1.15) and symmetric profit (38.93) do not fit its model: a
      // symmetric 1.15 spread earns about 2·A·δe^(−κδ) ≈ 68. With the quoted 3.03 average our
      // symmetric profit is about 44, so it is held to ordering and a looser band.
      expectWithinRelative(symmetric.profitMean, paper[1].symmetric.profitMean, 0.2);
      expect(inventory.profitMean).toBeLessThan(symmetric.profitMean);
      expect(inventory.profitStd).toBeLessThan(0.6 * symmetric.profitStd);
      expect(inventory.finalQStd).toBeLessThan(0.5 * symmetric.finalQStd);
      expectMeanNearZero(inventory, 1000);
    });

    it('more risk aversion: lower profit, lower profit std, tighter final inventory', () => {
      const [low, mid, high] = [paperRun(0.01), paperRun(0.1), paperRun(1)];
      expect(low.inventory.profitMean).toBeGreaterThan(mid.inventory.profitMean);
      expect(mid.inventory.profitMean).toBeGreaterThan(high.inventory.profitMean);
      expect(low.inventory.profitStd).toBeGreaterThan(mid.inventory.profitStd);
      expect(mid.inventory.profitStd).toBeGreaterThan(high.inventory.profitStd);
      expect(low.inventory.finalQStd).toBeGreaterThan(mid.inventory.finalQStd);
      expect(mid.inventory.finalQStd).toBeGreaterThan(high.inventory.finalQStd);
      // The profit given up for that risk reduction grows with γ.
      const gap = (run: AvellanedaStoikovSimulationResult) => run.symmetric.profitMean - run.inventory.profitMean;
      expect(gap(low)).toBeLessThan(gap(mid));
      expect(gap(mid)).toBeLessThan(gap(high));
    });
  });

  it('rejects bad options with a ConfigError naming the field', () => {
    const bad = (options: object, field: string) => {
      const error = (() => {
        try {
          runAvellanedaStoikovSimulation(options as Parameters<typeof runAvellanedaStoikovSimulation>[0]);
        } catch (thrown) {
          return thrown;
        }
        throw new Error('expected a ConfigError');
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.field)).toContain(field);
    };
    bad({ gamma: 0, paths: 10, seed: 1 }, 'gamma');
    bad({ gamma: 0.1, paths: 1.5, seed: 1 }, 'paths');
    bad({ gamma: 0.1, paths: 10, seed: -1 }, 'seed');
    bad({ gamma: 0.1, paths: 10 }, 'seed');
    bad({ gamma: 0.1, paths: 10, seed: 1, dt: 0.3 }, 'dt');
    bad({ gamma: 0.1, paths: 10, seed: 1, kappa: Number.POSITIVE_INFINITY }, 'kappa');
    bad({ gamma: 0.1, paths: 10, seed: 1, volatility: 2 }, 'volatility');
  });
});
