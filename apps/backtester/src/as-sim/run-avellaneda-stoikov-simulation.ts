import { parseConfig } from '@mm/core';
import { avellanedaStoikovQuote } from '@mm/quoter';
import { z } from 'zod';
import { seededRandom } from './seeded-random.js';

/** `T / dt` may come out of decimal text as 199.99999999999997; this much slack still counts as whole. */
const STEP_COUNT_TOLERANCE = 1e-9;
/** Guards against a typo turning a seconds-long run into hours (paths × steps quote evaluations). */
const MAX_STEPS = 1_000_000;
const MAX_PATHS = 1_000_000;
/** zod's own text for a missing field ("expected number, received undefined") reads like a type bug. */
const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : undefined) };

/**
 * Fields of the Monte-Carlo market. Defaults are the paper's section-4 setting (Avellaneda &
 * Stoikov 2008): s0 = 100, T = 1, σ = 2, dt = 0.005, κ = 1.5, A = 140. Units are the paper's
 * (price units, time units of T), not ticks or `Micros`: this reproduces the paper, it does not
 * trade an instrument.
 */
export const avellanedaStoikovSimulationFields = {
  /** Risk aversion γ > 0 of the inventory strategy. */
  gamma: z.number(required).positive(),
  /** Monte-Carlo paths; both strategies run on each. */
  paths: z.number(required).int().min(1).max(MAX_PATHS),
  /** Seed of the generator: the same seed gives the same paths and the same output. */
  seed: z.number(required).int().min(0).max(0xffff_ffff),
  /** σ: the mid moves ±σ√dt per step, price units per √(time unit). */
  sigma: z.number().nonnegative().default(2),
  /** Initial mid s0, price units. */
  s0: z.number().default(100),
  /** Terminal time T (start at 0), time units. */
  T: z.number().positive().default(1),
  /** Step length; `T / dt` must be a whole number of steps. */
  dt: z.number().positive().default(0.005),
  /** κ: fill intensity decay per price unit of distance from the mid. */
  kappa: z.number().positive().default(1.5),
  /** A: fill intensity at zero distance, fills per time unit. */
  A: z.number().positive().default(140),
} as const;

export const avellanedaStoikovSimulationOptionsSchema = z
  .strictObject(avellanedaStoikovSimulationFields)
  .superRefine((options, context) => {
    const steps = options.T / options.dt;
    if (Math.abs(steps - Math.round(steps)) > STEP_COUNT_TOLERANCE * Math.max(1, steps) || Math.round(steps) < 1) {
      context.addIssue({
        code: 'custom',
        path: ['dt'],
        message: `must divide T (${options.T}) into a whole number of steps, got T/dt = ${steps}`,
      });
    } else if (Math.round(steps) > MAX_STEPS) {
      context.addIssue({ code: 'custom', path: ['dt'], message: `gives ${Math.round(steps)} steps, more than ${MAX_STEPS}` });
    }
  });

/** What a caller passes: gamma, paths and seed, and any override of the paper's setting. */
export type AvellanedaStoikovSimulationOptions = z.input<typeof avellanedaStoikovSimulationOptionsSchema>;
/** The parsed, defaulted, frozen options. */
export type AvellanedaStoikovSimulationConfig = Readonly<z.output<typeof avellanedaStoikovSimulationOptionsSchema>>;

/** Summary of one strategy over all paths; std are sample standard deviations (n − 1). */
export interface AvellanedaStoikovStrategyStats {
  /** Average bid-to-ask spread quoted, over all steps of all paths, price units. */
  spread: number;
  /** Mean terminal profit `cash + q·S_T` (start: no cash, no inventory). */
  profitMean: number;
  profitStd: number;
  /** Mean inventory at T, units. */
  finalQMean: number;
  finalQStd: number;
}

export interface AvellanedaStoikovSimulationResult {
  /** Avellaneda–Stoikov quotes: optimal spread around the reservation price, finite horizon T − t. */
  inventory: AvellanedaStoikovStrategyStats;
  /** Constant spread (the inventory strategy's average) centred on the mid, on the same paths. */
  symmetric: AvellanedaStoikovStrategyStats;
}

interface StepQuotes {
  bidPrice: number;
  askPrice: number;
}

type QuotePolicy = (midPrice: number, inventory: number, time: number) => StepQuotes;

/**
 * The Monte-Carlo market of Avellaneda & Stoikov (2008), section 4: each step the agent quotes,
 * each side fills (at most one unit) with probability `A·e^(−κδ)·dt`, then the mid moves ±σ√dt
 * with probability ½ each. Both strategies see the same random numbers (common random numbers),
 * so their difference is the strategy, not the luck of the draw.
 */
export function runAvellanedaStoikovSimulation(options: AvellanedaStoikovSimulationOptions): AvellanedaStoikovSimulationResult {
  const config = parseConfig(avellanedaStoikovSimulationOptionsSchema, options, 'Avellaneda–Stoikov simulation options');

  const inventoryPolicy: QuotePolicy = (midPrice, inventory, time) =>
    avellanedaStoikovQuote({
      midPrice,
      inventory,
      riskAversion: config.gamma,
      volatility: config.sigma,
      orderBookLiquidity: config.kappa,
      horizon: { kind: 'finite', time, terminalTime: config.T },
    });
  const inventory = simulateStrategy(config, inventoryPolicy);

  // The paper's benchmark: same average spread, but blind to inventory. Measured from the run
  // above rather than recomputed, so it is the spread the inventory strategy actually quoted.
  const halfSpread = inventory.spread / 2;
  const symmetricPolicy: QuotePolicy = (midPrice) => ({ bidPrice: midPrice - halfSpread, askPrice: midPrice + halfSpread });
  const symmetric = simulateStrategy(config, symmetricPolicy);

  return { inventory, symmetric };
}

function simulateStrategy(config: AvellanedaStoikovSimulationConfig, policy: QuotePolicy): AvellanedaStoikovStrategyStats {
  // A fresh generator per strategy, drawn in a fixed order (bid, ask, move) every step whatever
  // happens: that is what keeps the random numbers common to both strategies.
  const nextUniform = seededRandom(config.seed);
  const steps = Math.round(config.T / config.dt);
  const midStep = config.sigma * Math.sqrt(config.dt);
  const profits = new Float64Array(config.paths);
  const finalInventories = new Float64Array(config.paths);
  // Compensated (Kahan) sum: hundreds of thousands of near-equal spreads otherwise drift ~1e-11,
  // enough to make the symmetric strategy's spread visibly differ from the average it copies.
  let spreadSum = 0;
  let spreadCompensation = 0;

  for (let path = 0; path < config.paths; path += 1) {
    let midPrice = config.s0;
    let cash = 0;
    let inventory = 0;
    for (let step = 0; step < steps; step += 1) {
      const { bidPrice, askPrice } = policy(midPrice, inventory, step * config.dt);
      const spreadTerm = askPrice - bidPrice - spreadCompensation;
      const nextSpreadSum = spreadSum + spreadTerm;
      spreadCompensation = nextSpreadSum - spreadSum - spreadTerm;
      spreadSum = nextSpreadSum;
      const bidUniform = nextUniform();
      const askUniform = nextUniform();
      const moveUniform = nextUniform();
      if (bidUniform < fillProbability(config, midPrice - bidPrice)) {
        inventory += 1;
        cash -= bidPrice;
      }
      if (askUniform < fillProbability(config, askPrice - midPrice)) {
        inventory -= 1;
        cash += askPrice;
      }
      midPrice += moveUniform < 0.5 ? midStep : -midStep;
    }
    profits[path] = cash + inventory * midPrice;
    finalInventories[path] = inventory;
  }

  return {
    spread: spreadSum / (config.paths * steps),
    profitMean: mean(profits),
    profitStd: sampleStd(profits),
    finalQMean: mean(finalInventories),
    finalQStd: sampleStd(finalInventories),
  };
}

/**
 * `λ(δ)·dt` with `λ(δ) = A·e^(−κδ)`, capped at 1. The cap matters when a large inventory pushes
 * the reservation price past the mid (δ < 0 on one side): the model's intensity grows without
 * bound there, and a Bernoulli step can fill at most one unit anyway.
 */
function fillProbability(config: AvellanedaStoikovSimulationConfig, distanceFromMid: number): number {
  return Math.min(1, config.A * Math.exp(-config.kappa * distanceFromMid) * config.dt);
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample standard deviation; 0 for a single path rather than NaN. */
function sampleStd(values: Float64Array): number {
  if (values.length < 2) return 0;
  const average = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
