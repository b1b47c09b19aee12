import { InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { optimalSpread } from './optimal-spread.js';

const base = { riskAversion: 0.1, volatility: 2, timeToHorizon: 0.5, orderBookLiquidity: 1.5 };

describe('optimalSpread', () => {
  it('is γσ²(T−t) + (2/γ)·ln(1 + γ/κ)', () => {
    // 0.1·4·0.5 + 20·ln(1 + 0.1/1.5)
    expect(optimalSpread(base)).toBeCloseTo(1.4907704227514234, 12);
  });

  it('keeps the liquidity term at the horizon', () => {
    expect(optimalSpread({ ...base, timeToHorizon: 0 })).toBeCloseTo(1.2907704227514234, 12);
  });

  it('widens with volatility and with a thinner book (smaller κ)', () => {
    expect(optimalSpread({ ...base, volatility: 3 })).toBeGreaterThan(optimalSpread(base));
    expect(optimalSpread({ ...base, orderBookLiquidity: 0.5 })).toBeGreaterThan(optimalSpread(base));
  });

  it('rejects κ ≤ 0 and γ ≤ 0', () => {
    expect(() => optimalSpread({ ...base, orderBookLiquidity: 0 })).toThrow(InvalidInputError);
    expect(() => optimalSpread({ ...base, riskAversion: -0.1 })).toThrow(InvalidInputError);
  });
});
