import { requireFinite, requireNonNegative, requirePositive } from './input-checks.js';

export interface ReservationPriceInput {
  /** Mid (or any fair) price, in price units (float). */
  midPrice: number;
  /** Signed inventory q, in the unit γ was calibrated for (base units or lots); long > 0. */
  inventory: number;
  /** Risk aversion γ > 0, per (price unit × inventory unit). */
  riskAversion: number;
  /** Volatility σ ≥ 0 of the mid, in price units per √(time unit). */
  volatility: number;
  /** Time left to the horizon, T − t (or a rolling τ), in the time unit of σ; ≥ 0. */
  timeToHorizon: number;
}

/**
 * Avellaneda–Stoikov (2008) reservation (indifference) price: `r = s − q·γ·σ²·(T−t)`.
 * A long book values the asset below mid (it would rather sell), so both quotes centred on `r`
 * lean against the inventory. Assumes the mid is arithmetic Brownian motion with constant σ.
 */
export function reservationPrice(input: ReservationPriceInput): number {
  const midPrice = requireFinite('midPrice', input.midPrice);
  const inventory = requireFinite('inventory', input.inventory);
  const riskAversion = requirePositive('riskAversion', input.riskAversion);
  const volatility = requireNonNegative('volatility', input.volatility);
  const timeToHorizon = requireNonNegative('timeToHorizon', input.timeToHorizon);
  return midPrice - inventory * riskAversion * volatility * volatility * timeToHorizon;
}
