import { requireFinite, requireInRange, requireNonNegative } from './input-checks.js';
import type { QuoteEngineConfig } from './quote-engine-config.js';

export interface PracticalSpreadInput {
  /** Recent volatility of the mid, in bps (e.g. a short-window stdev of returns × 10⁴). */
  volatilityBps: number;
  /** Position / max position; long > 0. Clamped to [−1, 1]: beyond the limit the inventory ladder pauses sides. */
  inventoryRatio: number;
  /** Book imbalance in [−1, 1]; > 0 means buyers dominate (more bid depth, or more buy flow). Default 0. */
  imbalance?: number;
  /** Caller's directional view in [−1, 1]; > 0 bullish. Default 0. */
  bias?: number;
  /** Widening of the bid side's half spread from the inventory ladder, ≥ 1. Default 1. */
  bidSpreadMultiplier?: number;
  /** Widening of the ask side's half spread, ≥ 1. Default 1. */
  askSpreadMultiplier?: number;
}

/** Every part of the level-0 pricing, in bps of the mid, for logs and dashboards. */
export interface PracticalSpread {
  /** `base + volatilityBps × volMultiplier + |inventoryRatio| × inventoryPenaltyBps`, clamped to [min, max]. */
  spreadBps: number;
  halfSpreadBps: number;
  /** `inventoryRatio × skewFactor × volatilityBps`; both quotes move down by it when long. */
  inventorySkewBps: number;
  /** `imbalance × imbalanceFactor × halfSpreadBps`; both quotes move up by it when buyers dominate. */
  imbalanceShiftBps: number;
  /** `bias × biasFactor × halfSpreadBps`; both quotes move up by it when bullish. */
  biasShiftBps: number;
  /** Net upward move of both quotes, capped at ± halfSpreadBps so neither quote passes the mid. */
  centerShiftBps: number;
  /** Level-0 bid distance below mid: `halfSpreadBps × bidSpreadMultiplier − centerShiftBps` (≥ 0). */
  bidOffsetBps: number;
  /** Level-0 ask distance above mid: `halfSpreadBps × askSpreadMultiplier + centerShiftBps` (≥ 0). */
  askOffsetBps: number;
}

/**
 * The practical quoter's level-0 pricing (the seed bot's rule). The spread grows with volatility
 * and inventory and is clamped; skew, imbalance and bias then move the *pair* of quotes without
 * changing their distance, so "buyers dominate" both widens the ask and tightens the bid, and the
 * spread never drops below `minSpreadBps`. The move is capped at one half spread: a quote past its
 * own mid would be taking, not making (liquidation is the inventory ladder's job, not skew's).
 * Per-side multipliers widen one side only, after the move, so a widened side really is wider.
 */
export function practicalSpread(config: QuoteEngineConfig, input: PracticalSpreadInput): PracticalSpread {
  const volatilityBps = requireNonNegative('volatilityBps', input.volatilityBps);
  const inventoryRatio = clamp(requireFinite('inventoryRatio', input.inventoryRatio), -1, 1);
  const imbalance = requireInRange('imbalance', input.imbalance ?? 0, -1, 1);
  const bias = requireInRange('bias', input.bias ?? 0, -1, 1);
  const bidSpreadMultiplier = requireInRange('bidSpreadMultiplier', input.bidSpreadMultiplier ?? 1, 1, Infinity);
  const askSpreadMultiplier = requireInRange('askSpreadMultiplier', input.askSpreadMultiplier ?? 1, 1, Infinity);

  const rawSpreadBps = config.baseSpreadBps + volatilityBps * config.volMultiplier + Math.abs(inventoryRatio) * config.inventoryPenaltyBps;
  const spreadBps = clamp(rawSpreadBps, config.minSpreadBps, config.maxSpreadBps);
  const halfSpreadBps = spreadBps / 2;

  const inventorySkewBps = inventoryRatio * config.skewFactor * volatilityBps;
  const imbalanceShiftBps = imbalance * config.imbalanceFactor * halfSpreadBps;
  const biasShiftBps = bias * config.biasFactor * halfSpreadBps;
  const centerShiftBps = clamp(-inventorySkewBps + imbalanceShiftBps + biasShiftBps, -halfSpreadBps, halfSpreadBps);

  return {
    spreadBps,
    halfSpreadBps,
    inventorySkewBps,
    imbalanceShiftBps,
    biasShiftBps,
    centerShiftBps,
    bidOffsetBps: halfSpreadBps * bidSpreadMultiplier - centerShiftBps,
    askOffsetBps: halfSpreadBps * askSpreadMultiplier + centerShiftBps,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
