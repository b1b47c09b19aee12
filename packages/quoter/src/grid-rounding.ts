import type { Instrument } from '@mm/core';

/**
 * Float noise tolerated when a computed price lands "on" a tick (100.1 / 0.1 = 1000.9999999999).
 * Absolute, in ticks: `Instrument.roundPriceTicks` alone treats anything within 1e-9 *relative*
 * as an integer, which at 10⁸ ticks is 0.1 tick and could round a bid up; pre-rounding to an
 * integer here keeps "a bid never rounds up" true at any price.
 */
const FLOAT_NOISE_TICKS = 1e-9;

/** Highest valid price at or below `priceTicks` (a bid's rounding), or undefined below 1 tick. */
export function bidTicksOnGrid(instrument: Instrument, priceTicks: number): number | undefined {
  const wholeTicks = Math.floor(priceTicks + FLOAT_NOISE_TICKS);
  if (wholeTicks < 1) return undefined;
  return instrument.roundPriceTicks(wholeTicks, 'down');
}

/** Lowest valid price at or above `priceTicks` (an ask's rounding); at least the lowest price. */
export function askTicksOnGrid(instrument: Instrument, priceTicks: number): number {
  const wholeTicks = Math.max(Math.ceil(priceTicks - FLOAT_NOISE_TICKS), 1);
  return instrument.roundPriceTicks(wholeTicks, 'up');
}

/** Highest valid price strictly below `priceTicks`, or undefined when there is none. */
export function gridPriceBelow(instrument: Instrument, priceTicks: number): number | undefined {
  return bidTicksOnGrid(instrument, Math.ceil(priceTicks) - 1);
}

/** Lowest valid price strictly above `priceTicks`. */
export function gridPriceAbove(instrument: Instrument, priceTicks: number): number {
  return askTicksOnGrid(instrument, Math.floor(priceTicks) + 1);
}
