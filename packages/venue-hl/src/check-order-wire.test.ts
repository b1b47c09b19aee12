import { Instrument } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { checkOrderWire, type OrderCheckContext } from './check-order-wire.js';
import type { OrderWire } from './exchange-schemas.js';

const context = (overrides: Partial<OrderCheckContext> = {}): OrderCheckContext => ({
  instrument: Instrument.hyperliquidPerp('BTC', 5),
  asset: 0,
  positionLots: 0,
  referencePriceTicks: undefined,
  hasMarginFor: () => true,
  ...overrides,
});
const wire = (overrides: Partial<OrderWire> = {}): OrderWire => ({
  a: 0,
  b: true,
  p: '105000',
  s: '0.001',
  r: false,
  t: { limit: { tif: 'Alo' } },
  ...overrides,
});

describe('checkOrderWire', () => {
  it('accepts grid prices and sizes, in ticks and lots', () => {
    expect(checkOrderWire(context(), wire())).toEqual({ priceTicks: 1_050_000, sizeLots: 100 });
    expect(checkOrderWire(context(), wire({ p: '105000.0', s: '0.00100' }))).toEqual({ priceTicks: 1_050_000, sizeLots: 100 });
  });

  it('refuses with the venue strings, ending in asset=N where the venue writes it', () => {
    expect(checkOrderWire(context(), wire({ p: '105000.5' }))).toEqual({ error: 'Price must be divisible by tick size. asset=0' });
    expect(checkOrderWire(context(), wire({ p: '1.0000001' }))).toEqual({ error: 'Price must be divisible by tick size. asset=0' });
    expect(checkOrderWire(context(), wire({ s: '0.000001' }))).toEqual({ error: 'Order has invalid size.' });
    expect(checkOrderWire(context(), wire({ s: '0' }))).toEqual({ error: 'Order has zero size.' });
    expect(checkOrderWire(context({ positionLots: 5 }), wire({ r: true }))).toEqual({
      error: 'Reduce only order would increase position. asset=0',
    });
    expect(checkOrderWire(context({ positionLots: 5 }), wire({ r: true, b: false }))).toEqual({ priceTicks: 1_050_000, sizeLots: 100 });
    expect(checkOrderWire(context({ hasMarginFor: () => false }), wire())).toEqual({
      error: 'Insufficient margin to place order. asset=0',
    });
    expect(checkOrderWire(context(), wire({ a: 3 }))).toEqual({ error: 'Invalid asset 3.' });
  });

  it('refuses prices more than 95% away from the reference price, on both sides', () => {
    const band = { error: 'Order price cannot be more than 95% away from the reference price' };
    const near100k = context({ referencePriceTicks: 1_000_000 });
    expect(checkOrderWire(near100k, wire({ p: '1000' }))).toEqual(band);
    expect(checkOrderWire(near100k, wire({ p: '4999', b: false }))).toEqual(band);
    expect(checkOrderWire(near100k, wire({ p: '196000', b: false }))).toEqual(band);
    expect(checkOrderWire(near100k, wire({ p: '5000' }))).toEqual({ priceTicks: 50_000, sizeLots: 100 });
    expect(checkOrderWire(near100k, wire({ p: '195000', b: false }))).toEqual({ priceTicks: 1_950_000, sizeLots: 100 });
  });
});
