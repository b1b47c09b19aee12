import { InvalidInputError, type Instrument, type Quote, type Side } from '@mm/core';
import { askTicksOnGrid, bidTicksOnGrid, gridPriceAbove, gridPriceBelow } from './grid-rounding.js';
import { requireFinite, requireNonNegative, requirePositive } from './input-checks.js';

/** One desired level before rounding: a float price in ticks and a size already in lots. */
export interface LadderLevelTarget {
  priceTicks: number;
  sizeLots: number;
}

export interface BuildLadderInput {
  /** Bid levels, best (highest) first. Empty for no bids (e.g. a paused side). */
  bids: readonly LadderLevelTarget[];
  /** Ask levels, best (lowest) first. */
  asks: readonly LadderLevelTarget[];
  /** Smallest allowed distance between our best bid and best ask, in ticks (float). Default 0. */
  minSpreadTicks?: number;
  /** The market's best bid; asks stay strictly above it (post-only would be rejected otherwise). */
  bestBidTicks?: number;
  /** The market's best ask; bids stay strictly below it. */
  bestAskTicks?: number;
}

/**
 * Puts a ladder of float targets on the instrument's price grid, with these guarantees:
 * - bids round down and asks up (`Instrument.roundPriceTicks`), so rounding never makes a quote
 *   more aggressive, and every price is valid (Hyperliquid's 5 significant figures included);
 * - post-only safety: bids < market best ask, asks > market best bid (when given);
 * - our best bid < our best ask, at least `minSpreadTicks` apart; when targets are too close,
 *   both sides are widened outward around their centre (never tightened);
 * - levels strictly ordered outward: a level that rounds onto or inside the previous one moves
 *   to the next grid price out, so no two levels share a price;
 * - a level whose size is 0 lots or below the instrument's minimum notional is **dropped**, not
 *   bumped: the configured size is the risk budget, and quoting more than it is the caller's
 *   decision. Surviving levels are renumbered 0, 1, … outward.
 * Bids that would fall below one tick are dropped.
 * Returns bids best first, then asks best first.
 */
export function buildLadder(instrument: Instrument, input: BuildLadderInput): Quote[] {
  const minSpreadTicks = requireNonNegative('minSpreadTicks', input.minSpreadTicks ?? 0);
  const bestBidTicks = input.bestBidTicks === undefined ? undefined : requirePositive('bestBidTicks', input.bestBidTicks);
  const bestAskTicks = input.bestAskTicks === undefined ? undefined : requirePositive('bestAskTicks', input.bestAskTicks);
  input.bids.forEach((level, index) => checkTarget('bids', index, level));
  input.asks.forEach((level, index) => checkTarget('asks', index, level));

  const bidTarget = input.bids[0];
  const askTarget = input.asks[0];
  let bestBidQuoteTicks = bidTarget === undefined ? undefined : bidTicksOnGrid(instrument, bidTarget.priceTicks);
  let bestAskQuoteTicks = askTarget === undefined ? undefined : askTicksOnGrid(instrument, askTarget.priceTicks);

  if (bestBidQuoteTicks !== undefined && bestAskTicks !== undefined) {
    const capTicks = gridPriceBelow(instrument, bestAskTicks);
    bestBidQuoteTicks = capTicks === undefined ? undefined : Math.min(bestBidQuoteTicks, capTicks);
  }
  if (bestAskQuoteTicks !== undefined && bestBidTicks !== undefined) {
    bestAskQuoteTicks = Math.max(bestAskQuoteTicks, gridPriceAbove(instrument, bestBidTicks));
  }

  if (
    bestBidQuoteTicks !== undefined &&
    bestAskQuoteTicks !== undefined &&
    (bestAskQuoteTicks - bestBidQuoteTicks < minSpreadTicks || bestAskQuoteTicks <= bestBidQuoteTicks)
  ) {
    // Widen around the centre: both sides move outward only, so the post-only guards still hold.
    // At least half a tick each way makes the result strictly uncrossed even when minSpreadTicks is 0.
    const centreTicks = (bestBidQuoteTicks + bestAskQuoteTicks) / 2;
    const halfGapTicks = Math.max(minSpreadTicks / 2, 0.5);
    const widenedBidTicks = bidTicksOnGrid(instrument, centreTicks - halfGapTicks);
    bestBidQuoteTicks = widenedBidTicks === undefined ? undefined : Math.min(bestBidQuoteTicks, widenedBidTicks);
    bestAskQuoteTicks = Math.max(bestAskQuoteTicks, askTicksOnGrid(instrument, centreTicks + halfGapTicks));
  }

  const bids = placeSide(instrument, 'buy', input.bids, bestBidQuoteTicks);
  const asks = placeSide(instrument, 'sell', input.asks, bestAskQuoteTicks);
  return [...bids, ...asks];
}

function placeSide(instrument: Instrument, side: Side, targets: readonly LadderLevelTarget[], bestQuoteTicks: number | undefined): Quote[] {
  const quotes: Quote[] = [];
  let previousTicks: number | undefined;
  for (const [index, target] of targets.entries()) {
    let priceTicks: number | undefined;
    if (index === 0) {
      priceTicks = bestQuoteTicks;
    } else if (previousTicks !== undefined) {
      if (side === 'buy') {
        const roundedTicks = bidTicksOnGrid(instrument, target.priceTicks);
        const belowTicks = gridPriceBelow(instrument, previousTicks);
        priceTicks = roundedTicks === undefined || belowTicks === undefined ? undefined : Math.min(roundedTicks, belowTicks);
      } else {
        priceTicks = Math.max(askTicksOnGrid(instrument, target.priceTicks), gridPriceAbove(instrument, previousTicks));
      }
    }
    if (priceTicks === undefined) break; // no valid bid price left further out
    previousTicks = priceTicks;
    if (target.sizeLots > 0 && instrument.meetsMinNotional(priceTicks, target.sizeLots)) {
      quotes.push({ side, priceTicks, sizeLots: target.sizeLots, level: quotes.length });
    }
  }
  return quotes;
}

function checkTarget(sideName: string, index: number, level: LadderLevelTarget): void {
  requireFinite(`${sideName}[${index}].priceTicks`, level.priceTicks);
  if (!Number.isSafeInteger(level.sizeLots) || level.sizeLots < 0) {
    throw new InvalidInputError(`${sideName}[${index}].sizeLots must be a non-negative integer, got ${level.sizeLots}`);
  }
}
