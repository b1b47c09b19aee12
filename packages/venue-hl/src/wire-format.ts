import type { Instrument } from '@mm/core';
import type { CapturedLevel } from './market-capture.js';
import type { VenueOrder } from './order-ledger.js';
import type { WireFrontendOrder, WireLevel, WireOpenOrder } from './wire-types.js';

/**
 * The venue writes every decimal with a fractional part: whole numbers end in ".0" ("105055.0",
 * "0.0", "100000.0"), as in the recorded l2Book/trades frames and the SDKs' response fixtures.
 */
export function wireDecimal(text: string): string {
  return text.includes('.') ? text : `${text}.0`;
}

/** A price in ticks as the venue writes it; off the significant-figure grid (averages) as plain decimals. */
export function formatPx(instrument: Instrument, priceTicks: number): string {
  if (Number.isSafeInteger(priceTicks) && instrument.isValidPriceTicks(priceTicks)) return wireDecimal(instrument.formatPrice(priceTicks));
  return trimDecimal(priceTicks * instrument.tickSize, 8);
}

/** A size in lots as the venue writes it ("0.001", "1.0"). */
export function formatLots(instrument: Instrument, sizeLots: number): string {
  return wireDecimal(instrument.formatSize(sizeLots));
}

/** A signed size in lots, exactly ("-0.00012"). */
export function formatSz(instrument: Instrument, sizeLots: number): string {
  if (sizeLots < 0) return `-${formatLots(instrument, -sizeLots)}`;
  return formatLots(instrument, sizeLots);
}

/** A number with at most `decimals` decimals, no float noise, no trailing zeros ("373.47205", "0"). */
export function plainDecimal(value: number, decimals = 6): string {
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** USD amounts (fees, PnL, margin) as the venue writes them: `plainDecimal`, whole numbers with ".0". */
export function trimDecimal(value: number, decimals = 6): string {
  return wireDecimal(plainDecimal(value, decimals));
}

export function toWireLevels(instrument: Instrument, levels: readonly CapturedLevel[]): WireLevel[] {
  return levels.map((level) => ({
    px: formatPx(instrument, level.priceTicks),
    sz: formatLots(instrument, level.sizeLots),
    n: level.orders,
  }));
}

export function toWireOpenOrder(instrument: Instrument, order: VenueOrder): WireOpenOrder {
  const wire: WireOpenOrder = {
    coin: order.coin,
    side: order.isBuy ? 'B' : 'A',
    limitPx: formatPx(instrument, order.limitPriceTicks),
    sz: formatLots(instrument, order.remainingLots),
    oid: order.oid ?? 0,
    timestamp: order.timestampMs,
    origSz: formatLots(instrument, order.originalLots),
  };
  if (order.cloid !== undefined) wire.cloid = order.cloid;
  return wire;
}

export function toWireFrontendOrder(instrument: Instrument, order: VenueOrder): WireFrontendOrder {
  return {
    ...toWireOpenOrder(instrument, order),
    isPositionTpsl: false,
    isTrigger: false,
    orderType: 'Limit',
    reduceOnly: order.reduceOnly,
    tif: order.tif,
    triggerCondition: 'N/A',
    triggerPx: '0.0',
    children: [],
  };
}
