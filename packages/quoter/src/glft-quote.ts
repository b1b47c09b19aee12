import { glftCoefficients, type GlftCoefficientsInput } from './glft-coefficients.js';
import { requireFinite, requireNonNegative } from './input-checks.js';

export interface GlftQuoteInput extends GlftCoefficientsInput {
  /** Mid (or fair) price in ticks (float). */
  midPriceTicks: number;
  /** Volatility σ of the mid, in ticks per √(time unit of A). */
  volatilityTicks: number;
  /** Signed inventory q, in the unit of `orderSize` (hftbacktest: orders); long > 0. */
  inventory: number;
}

export interface GlftQuote {
  c1: number;
  c2: number;
  /** `c1 + Δ/2·σ·c2`, ticks: distance from mid of both quotes at zero inventory. */
  halfSpreadTicks: number;
  /** `σ·c2`, ticks per unit of inventory. */
  skewTicks: number;
  /** `halfSpreadTicks + skewTicks·q`: a long book bids further away. */
  bidDepthTicks: number;
  /** `halfSpreadTicks − skewTicks·q`: and offers closer (negative = through the mid). */
  askDepthTicks: number;
  /** `mid − bidDepthTicks`, float, not on the grid (see `buildLadder`). */
  bidPriceTicks: number;
  askPriceTicks: number;
}

/**
 * Guéant–Lehalle–Fernandez-Tapia quotes from the closed-form approximation, as in hftbacktest's
 * GLFT market-making tutorial. Depths are not clamped: at large inventory one depth goes
 * negative (the quote crosses the mid), which the ladder's post-only guard then stops at the
 * touch. Callers usually scale half spread and skew by tuning factors; do that on the result.
 */
export function glftQuote(input: GlftQuoteInput): GlftQuote {
  const midPriceTicks = requireFinite('midPriceTicks', input.midPriceTicks);
  const volatilityTicks = requireNonNegative('volatilityTicks', input.volatilityTicks);
  const inventory = requireFinite('inventory', input.inventory);
  const { c1, c2 } = glftCoefficients(input);
  const halfSpreadTicks = c1 + (input.orderSize / 2) * volatilityTicks * c2;
  const skewTicks = volatilityTicks * c2;
  const bidDepthTicks = halfSpreadTicks + skewTicks * inventory;
  const askDepthTicks = halfSpreadTicks - skewTicks * inventory;
  return {
    c1,
    c2,
    halfSpreadTicks,
    skewTicks,
    bidDepthTicks,
    askDepthTicks,
    bidPriceTicks: midPriceTicks - bidDepthTicks,
    askPriceTicks: midPriceTicks + askDepthTicks,
  };
}
