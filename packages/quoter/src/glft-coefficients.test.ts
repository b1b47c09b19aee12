import { InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { glftCoefficients } from './glft-coefficients.js';

describe('glftCoefficients', () => {
  it('matches hftbacktest compute_coeff by hand for easy numbers', () => {
    // γ = ξ = 1, Δ = 1, κ = 1, A = 0.5: c1 = ln 2, c2 = sqrt(1/(2·0.5·1·1) · 2^(1+1)) = 2
    const { c1, c2 } = glftCoefficients({ riskAversion: 1, arrivalIntensity: 0.5, arrivalDecay: 1, orderSize: 1 });
    expect(c1).toBeCloseTo(Math.LN2, 14);
    expect(c2).toBeCloseTo(2, 14);
  });

  it('rejects non-positive parameters', () => {
    const base = { riskAversion: 0.05, arrivalIntensity: 3, arrivalDecay: 0.04, orderSize: 1 };
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      expect(() => glftCoefficients({ ...base, [key]: 0 })).toThrow(InvalidInputError);
    }
  });
});
