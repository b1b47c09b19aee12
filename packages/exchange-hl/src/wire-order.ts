import type { Instrument, ModifyOrderCommand, PlaceOrderCommand, Side, TimeInForce } from '@mm/core';

/** An order as the `order`/`batchModify` actions carry it; key order a, b, p, s, r, t, c is hashed. */
export interface WireOrder {
  a: number;
  b: boolean;
  p: string;
  s: string;
  r: boolean;
  t: { limit: { tif: 'Alo' | 'Gtc' | 'Ioc' } };
  c: `0x${string}`;
}

const TIF: Record<TimeInForce, 'Alo' | 'Gtc' | 'Ioc'> = { 'post-only': 'Alo', gtc: 'Gtc', ioc: 'Ioc' };

export function wireTif(timeInForce: TimeInForce): 'Alo' | 'Gtc' | 'Ioc' {
  return TIF[timeInForce];
}

/** Cloids are hashed as lowercase hex; ours already have the `0x` + 32 hex format. */
export function wireCloid(clientOrderId: string): `0x${string}` {
  return clientOrderId.toLowerCase() as `0x${string}`;
}

/** The place command on the wire: exact price/size text from integer ticks/lots (5 significant figures). */
export function toWireOrder(assetId: number, instrument: Instrument, command: PlaceOrderCommand): WireOrder {
  return {
    a: assetId,
    b: command.side === 'buy',
    p: instrument.formatPrice(command.priceTicks),
    s: instrument.formatSize(command.sizeLots),
    r: command.reduceOnly,
    t: { limit: { tif: wireTif(command.timeInForce) } },
    c: wireCloid(command.clientOrderId),
  };
}

/**
 * The replacement order of a modify. The venue needs the whole order, so side and time in force come
 * from our order map; modifies stay post-only unless the order was placed otherwise, so a
 * requote never crosses by accident.
 */
export function toWireModifiedOrder(
  assetId: number,
  instrument: Instrument,
  command: ModifyOrderCommand,
  side: Side,
  timeInForce: TimeInForce,
  reduceOnly: boolean,
): WireOrder {
  return {
    a: assetId,
    b: side === 'buy',
    p: instrument.formatPrice(command.priceTicks),
    s: instrument.formatSize(command.sizeLots),
    r: reduceOnly,
    t: { limit: { tif: wireTif(timeInForce) } },
    c: wireCloid(command.clientOrderId),
  };
}

/** Venue side letters: 'B' bid (buy), 'A' ask (sell). */
export function sideFromWire(side: 'B' | 'A'): Side {
  return side === 'B' ? 'buy' : 'sell';
}
