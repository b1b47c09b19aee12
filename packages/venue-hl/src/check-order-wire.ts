import type { Instrument } from '@mm/core';
import type { OrderWire } from './exchange-schemas.js';
import { VENUE_REJECTS, withAsset } from './venue-rejects.js';

export type CheckedOrder = { priceTicks: number; sizeLots: number } | { error: string };

export interface OrderCheckContext {
  instrument: Instrument;
  /** The one asset index the venue lists. */
  asset: number;
  /** The user's signed position in lots (for reduce-only). */
  positionLots: number;
  /** The reference price in ticks (the venue's oracle; here the replayed mid); undefined before the first book. */
  referencePriceTicks: number | undefined;
  /** True when the account's equity carries the order (see the core's margin rule). */
  hasMarginFor(priceTicks: number, sizeLots: number): boolean;
}

/**
 * The venue's checks before matching, in its order: asset, order type, price on the tick and
 * 5-significant-figure grid (exact decimal parse, so "105000.5" is refused rather than rounded),
 * price within 95 % of the reference price, size on the lot grid, zero size, reduce-only
 * direction, margin. Refusals carry the venue's ` asset=N` where it writes one. The engine checks the
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
    return { error: withAsset(VENUE_REJECTS.tick, wire.a) };
  }
  if (!instrument.isValidPriceTicks(priceTicks)) return { error: withAsset(VENUE_REJECTS.tick, wire.a) };
  const reference = context.referencePriceTicks;
  if (reference !== undefined && Math.abs(priceTicks - reference) > 0.95 * reference) return { error: VENUE_REJECTS.priceBand };
  try {
    sizeLots = instrument.parseSizeLots(wire.s, 'exact');
  } catch {
    return { error: VENUE_REJECTS.invalidSize };
  }
  if (sizeLots === 0) return { error: VENUE_REJECTS.zeroSize };
  if (wire.r) {
    const position = context.positionLots;
    if (position === 0 || (wire.b && position > 0) || (!wire.b && position < 0))
      return { error: withAsset(VENUE_REJECTS.reduceOnly, wire.a) };
  } else if (!context.hasMarginFor(priceTicks, sizeLots)) {
    return { error: withAsset(VENUE_REJECTS.margin, wire.a) };
  }
  return { priceTicks, sizeLots };
}
