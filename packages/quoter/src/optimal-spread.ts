import { requireNonNegative, requirePositive } from './input-checks.js';

export interface OptimalSpreadInput {
  /** Risk aversion γ > 0. */
  riskAversion: number;
  /** Volatility σ ≥ 0, in price units per √(time unit). */
  volatility: number;
  /** Time left to the horizon, T − t (or a rolling τ), in the time unit of σ; ≥ 0. */
  timeToHorizon: number;
  /**
   * κ > 0: decay of the fill intensity with distance from mid, `λ(δ) = A·e^(−κδ)`, per price
   * unit. A deep, competitive book has a large κ (fills die off fast as you step back).
   */
  orderBookLiquidity: number;
}

/**
 * Avellaneda–Stoikov total optimal spread (bid-to-ask, in price units):
 * `γσ²(T−t) + (2/γ)·ln(1 + γ/κ)`. The first term pays for inventory risk over the remaining
 * horizon; the second is the monopoly mark-up against the exponential fill intensity and stays
 * even at the horizon. It is the first-order approximation of the paper, not the exact HJB solution.
 */
export function optimalSpread(input: OptimalSpreadInput): number {
  const riskAversion = requirePositive('riskAversion', input.riskAversion);
  const volatility = requireNonNegative('volatility', input.volatility);
  const timeToHorizon = requireNonNegative('timeToHorizon', input.timeToHorizon);
  const orderBookLiquidity = requirePositive('orderBookLiquidity', input.orderBookLiquidity);
  return riskAversion * volatility * volatility * timeToHorizon + (2 / riskAversion) * Math.log1p(riskAversion / orderBookLiquidity);
}
