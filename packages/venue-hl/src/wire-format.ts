import type { Instrument } from '@mm/core';
import type { CapturedLevel } from './market-capture.js';
import type { VenueOrder } from './order-ledger.js';
import type { WireFrontendOrder, WireLevel, WireOpenOrder } from './wire-types.js';

/** A price in ticks as the venue writes it; off the significant-figure grid (averages) as plain decimals. */
export function formatPx(instrument: Instrument, priceTicks: number): string {
  if (Number.isSafeInteger(priceTicks) && instrument.isValidPriceTicks(priceTicks)) return instrument.formatPrice(priceTicks);
  return trimDecimal(priceTicks * instrument.tickSize, 8);
}

/** A signed size in lots, exactly ("-0.00012"). */
export function formatSz(instrument: Instrument, sizeLots: number): string {
  if (sizeLots < 0) return `-${instrument.formatSize(-sizeLots)}`;
  return instrument.formatSize(sizeLots);
}

/** USD amounts (fees, PnL, margin) with at most `decimals` decimals, no float noise, no trailing zeros. */
export function trimDecimal(value: number, decimals = 6): string {
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

export function toWireLevels(instrument: Instrument, levels: readonly CapturedLevel[]): WireLevel[] {
  return levels.map((level) => ({
    px: formatPx(instrument, level.priceTicks),
    sz: instrument.formatSize(level.sizeLots),
    n: level.orders,
  }));
}

export function toWireOpenOrder(instrument: Instrument, order: VenueOrder): WireOpenOrder {
  const wire: WireOpenOrder = {
    coin: order.coin,
    side: order.isBuy ? 'B' : 'A',
    limitPx: formatPx(instrument, order.limitPriceTicks),
    sz: instrument.formatSize(order.remainingLots),
    oid: order.oid ?? 0,
    timestamp: order.timestampMs,
    origSz: instrument.formatSize(order.originalLots),
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
