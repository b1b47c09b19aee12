import { InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { reservationPrice } from './reservation-price.js';

const base = { midPrice: 100, inventory: 2, riskAversion: 0.1, volatility: 2, timeToHorizon: 0.5 };

describe('reservationPrice', () => {
  it('is mid − q·γ·σ²·(T−t)', () => {
    expect(reservationPrice(base)).toBeCloseTo(99.6, 12);
  });

  it('leans against the inventory and vanishes when flat or at the horizon', () => {
    expect(reservationPrice({ ...base, inventory: -2 })).toBeCloseTo(100.4, 12);
    expect(reservationPrice({ ...base, inventory: 0 })).toBe(100);
    expect(reservationPrice({ ...base, timeToHorizon: 0 })).toBe(100);
  });

  it('rejects inputs outside the model', () => {
    expect(() => reservationPrice({ ...base, riskAversion: 0 })).toThrow(InvalidInputError);
    expect(() => reservationPrice({ ...base, volatility: -1 })).toThrow(InvalidInputError);
    expect(() => reservationPrice({ ...base, midPrice: Number.NaN })).toThrow(InvalidInputError);
    expect(() => reservationPrice({ ...base, timeToHorizon: -1 })).toThrow(InvalidInputError);
  });
});
