import { InvalidInputError } from '@mm/core';
import { requireFinite, requireNonNegative } from './input-checks.js';
import { optimalSpread } from './optimal-spread.js';
import { reservationPrice } from './reservation-price.js';

/**
 * How much time is left for inventory risk.
 * - `finite`: the paper's setting, a session ending at `terminalTime`; `T − t` shrinks to 0, so
 *   the inventory term fades and quotes converge to the pure liquidity spread at the end. Past
 *   the horizon it stays 0.
 * - `rolling`: for a bot that never stops, a fixed look-ahead τ replaces `T − t` (a common
 *   "infinite-horizon" practice; the discounted infinite-horizon solution of Guéant et al. has a
 *   different shape). Inventory is then always priced as if it must be held for τ more.
 * Times are in the unit of σ (σ per √second ⇒ seconds), not necessarily `Micros`.
 */
export type AvellanedaStoikovHorizon = { kind: 'finite'; time: number; terminalTime: number } | { kind: 'rolling'; horizon: number };

export interface AvellanedaStoikovInput {
  /** Mid price, in price units (float). */
  midPrice: number;
  /** Signed inventory q (long > 0), in the unit γ was calibrated for. */
  inventory: number;
  /** Risk aversion γ > 0. */
  riskAversion: number;
  /** Volatility σ ≥ 0, price units per √(time unit). */
  volatility: number;
  /** κ > 0, decay of fill intensity with distance from mid (per price unit). */
  orderBookLiquidity: number;
  horizon: AvellanedaStoikovHorizon;
}

export interface AvellanedaStoikovQuote {
  /** The τ actually used (T − t clamped at 0, or the rolling horizon). */
  timeToHorizon: number;
  reservationPrice: number;
  /** Total bid-to-ask spread, price units. */
  spread: number;
  halfSpread: number;
  /** `reservationPrice − halfSpread`: a float, not yet on any grid (see `buildLadder`). */
  bidPrice: number;
  askPrice: number;
}

/** Time left under `horizon`, ≥ 0. */
export function timeToHorizon(horizon: AvellanedaStoikovHorizon): number {
  switch (horizon.kind) {
    case 'finite':
      return Math.max(requireFinite('terminalTime', horizon.terminalTime) - requireFinite('time', horizon.time), 0);
    case 'rolling':
      return requireNonNegative('horizon', horizon.horizon);
    default:
      throw new InvalidInputError(`unknown horizon kind '${String((horizon as { kind: unknown }).kind)}'`);
  }
}

/**
 * Avellaneda–Stoikov bid and ask: symmetric around the reservation price, with the optimal
 * spread. Prices are floats in the mid's units; put them on the venue grid with `buildLadder`.
 */
export function avellanedaStoikovQuote(input: AvellanedaStoikovInput): AvellanedaStoikovQuote {
  const tau = timeToHorizon(input.horizon);
  const reservation = reservationPrice({
    midPrice: input.midPrice,
    inventory: input.inventory,
    riskAversion: input.riskAversion,
    volatility: input.volatility,
    timeToHorizon: tau,
  });
  const spread = optimalSpread({
    riskAversion: input.riskAversion,
    volatility: input.volatility,
    timeToHorizon: tau,
    orderBookLiquidity: input.orderBookLiquidity,
  });
  const halfSpread = spread / 2;
  return {
    timeToHorizon: tau,
    reservationPrice: reservation,
    spread,
    halfSpread,
    bidPrice: reservation - halfSpread,
    askPrice: reservation + halfSpread,
  };
}
