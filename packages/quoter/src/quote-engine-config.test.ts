import { ConfigError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { defaultLevelSizeShares, parseQuoteEngineConfig } from './quote-engine-config.js';

function fieldsOf(input: unknown): string[] {
  try {
    parseQuoteEngineConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => issue.field);
  }
  throw new Error('expected a ConfigError');
}

describe('parseQuoteEngineConfig', () => {
  it('fills the documented defaults', () => {
    expect(parseQuoteEngineConfig({})).toEqual({
      baseSpreadBps: 2,
      volMultiplier: 1.5,
      inventoryPenaltyBps: 2,
      skewFactor: 0.5,
      imbalanceFactor: 0.5,
      biasFactor: 0.5,
      minSpreadBps: 0.5,
      maxSpreadBps: 20,
      orderSizeUsd: 100,
      numLevels: 3,
      levelSpacingBps: 1,
      levelSizeShares: [0.4, 0.35, 0.25],
    });
  });

  it('returns a frozen object', () => {
    const config = parseQuoteEngineConfig({ numLevels: 1, levelSizeShares: [1] });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.levelSizeShares)).toBe(true);
  });

  it('names an unknown key', () => {
    expect(fieldsOf({ baseSpreadBsp: 3 })).toEqual(['baseSpreadBsp']);
  });

  it('names a negative spread', () => {
    expect(fieldsOf({ baseSpreadBps: -1 })).toEqual(['baseSpreadBps']);
    expect(fieldsOf({ minSpreadBps: -0.1 })).toEqual(['minSpreadBps']);
  });

  it('names minSpreadBps when it exceeds maxSpreadBps', () => {
    expect(fieldsOf({ minSpreadBps: 30, maxSpreadBps: 10 })).toEqual(['minSpreadBps']);
  });

  it('names levelSizeShares when their count does not match numLevels', () => {
    expect(fieldsOf({ numLevels: 2, levelSizeShares: [1] })).toEqual(['levelSizeShares']);
  });

  it('splits the size front-loaded over up to three levels and equally beyond, when shares are left out', () => {
    expect(parseQuoteEngineConfig({ numLevels: 1 }).levelSizeShares).toEqual([1]);
    expect(parseQuoteEngineConfig({ numLevels: 2 }).levelSizeShares).toEqual([0.55, 0.45]);
    expect(parseQuoteEngineConfig({}).levelSizeShares).toEqual([0.4, 0.35, 0.25]);
    const five = parseQuoteEngineConfig({ numLevels: 5 }).levelSizeShares;
    expect(five).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    // Every default is a valid config of its own: one share per level, summing to 1, best level largest.
    for (let levels = 1; levels <= 50; levels += 1) {
      const shares = defaultLevelSizeShares(levels);
      expect(shares).toHaveLength(levels);
      expect(Math.abs(shares.reduce((sum, share) => sum + share, 0) - 1)).toBeLessThan(1e-9);
      expect(parseQuoteEngineConfig({ numLevels: levels, levelSizeShares: shares }).levelSizeShares).toEqual(shares);
      for (let level = 1; level < levels; level += 1) expect(shares[level]).toBeLessThanOrEqual(shares[0]!);
    }
  });

  it('names levelSizeShares when they do not sum to 1', () => {
    expect(fieldsOf({ levelSizeShares: [0.5, 0.3, 0.3] })).toEqual(['levelSizeShares']);
  });

  it('names every bad field at once and says what is wrong', () => {
    expect(() => parseQuoteEngineConfig({ volMultiplier: -1, numLevels: 0.5 })).toThrow(/volMultiplier: must be >= 0[\s\S]*numLevels/);
  });
});
