import type { Instrument } from '@mm/core';
import type { OrderWire } from './exchange-schemas.js';
import { VENUE_REJECTS } from './venue-rejects.js';

export type CheckedOrder = { priceTicks: number; sizeLots: number } | { error: string };

export interface OrderCheckContext {
  instrument: Instrument;
  /** The one asset index the venue lists. */
  asset: number;
  /** The user's signed position in lots (for reduce-only). */
  positionLots: number;
  /** True when the account's equity carries the order (see the core's margin rule). */
  hasMarginFor(priceTicks: number, sizeLots: number): boolean;
}

/**
 * The venue's checks before matching, in its order: asset, order type, price on the tick and
 * 5-significant-figure grid (exact decimal parse, so "105000.5" is refused rather than rounded),
 * size on the lot grid, zero size, reduce-only direction, margin. The matching engine checks the
 * minimum value and post-only crosses afterwards.
 */
export function checkOrderWire(context: OrderCheckContext, wire: OrderWire): CheckedOrder {
  const { instrument } = context;
  if (wire.a !== context.asset) return { error: VENUE_REJECTS.asset(wire.a) };
  if (!('limit' in wire.t)) return { error: VENUE_REJECTS.trigger };
  let priceTicks: number;
  let sizeLots: number;
  try {
    priceTicks = instrument.parsePriceTicks(wire.p, 'exact');
  } catch {
    return { error: VENUE_REJECTS.tick };
  }
  if (!instrument.isValidPriceTicks(priceTicks)) return { error: VENUE_REJECTS.tick };
  try {
    sizeLots = instrument.parseSizeLots(wire.s, 'exact');
  } catch {
    return { error: VENUE_REJECTS.invalidSize };
  }
  if (sizeLots === 0) return { error: VENUE_REJECTS.zeroSize };
  if (wire.r) {
    const position = context.positionLots;
    if (position === 0 || (wire.b && position > 0) || (!wire.b && position < 0)) return { error: VENUE_REJECTS.reduceOnly };
  } else if (!context.hasMarginFor(priceTicks, sizeLots)) {
    return { error: VENUE_REJECTS.margin };
  }
  return { priceTicks, sizeLots };
}
