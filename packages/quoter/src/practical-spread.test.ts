import { InvalidInputError } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { practicalSpread } from './practical-spread.js';
import { parseQuoteEngineConfig } from './quote-engine-config.js';

const defaults = parseQuoteEngineConfig({});

describe('practicalSpread', () => {
  it('is base + volatility × multiplier, symmetric when flat', () => {
    const parts = practicalSpread(defaults, { volatilityBps: 4, inventoryRatio: 0 });
    expect(parts.spreadBps).toBe(8);
    expect(parts.bidOffsetBps).toBe(4);
    expect(parts.askOffsetBps).toBe(4);
    expect(parts.centerShiftBps).toBe(0);
  });

  it('clamps to [minSpreadBps, maxSpreadBps]', () => {
    expect(practicalSpread(defaults, { volatilityBps: 100, inventoryRatio: 0 }).spreadBps).toBe(20);
    const tight = parseQuoteEngineConfig({ baseSpreadBps: 0 });
    expect(practicalSpread(tight, { volatilityBps: 0, inventoryRatio: 0 }).spreadBps).toBe(0.5);
  });

  it('adds the inventory penalty on either side of flat', () => {
    expect(practicalSpread(defaults, { volatilityBps: 0, inventoryRatio: 0.5 }).spreadBps).toBe(3);
    expect(practicalSpread(defaults, { volatilityBps: 0, inventoryRatio: -0.5 }).spreadBps).toBe(3);
  });

  it('skews both quotes down when long, by ratio × skewFactor × volatility', () => {
    // spread = 2 + 6 + 0.5·2 = 9; skew = 0.5·0.5·4 = 1
    const parts = practicalSpread(defaults, { volatilityBps: 4, inventoryRatio: 0.5 });
    expect(parts.inventorySkewBps).toBe(1);
    expect(parts.bidOffsetBps).toBe(4.5 + 1);
    expect(parts.askOffsetBps).toBe(4.5 - 1);
  });

  it('clamps inventory beyond the limit to ±1', () => {
    const over = practicalSpread(defaults, { volatilityBps: 4, inventoryRatio: 3 });
    expect(over).toEqual(practicalSpread(defaults, { volatilityBps: 4, inventoryRatio: 1 }));
  });

  it('buyers dominating widens the ask and tightens the bid, keeping the spread', () => {
    const parts = practicalSpread(defaults, { volatilityBps: 4, inventoryRatio: 0, imbalance: 1 });
    expect(parts.askOffsetBps).toBeGreaterThan(4);
    expect(parts.bidOffsetBps).toBeLessThan(4);
    expect(parts.bidOffsetBps + parts.askOffsetBps).toBe(8);
  });

  it('a bullish bias moves both quotes up', () => {
    const parts = practicalSpread(defaults, { volatilityBps: 4, inventoryRatio: 0, bias: 1 });
    expect(parts.biasShiftBps).toBe(2);
    expect(parts.bidOffsetBps).toBe(2);
    expect(parts.askOffsetBps).toBe(6);
  });

  it('caps the shift so neither quote passes the mid', () => {
    const config = parseQuoteEngineConfig({ skewFactor: 10 });
    const parts = practicalSpread(config, { volatilityBps: 4, inventoryRatio: 1 });
    expect(parts.centerShiftBps).toBe(-parts.halfSpreadBps);
    expect(parts.askOffsetBps).toBe(0);
  });

  it('widens one side with its multiplier', () => {
    const parts = practicalSpread(defaults, { volatilityBps: 4, inventoryRatio: 0, bidSpreadMultiplier: 2 });
    expect(parts.bidOffsetBps).toBe(8);
    expect(parts.askOffsetBps).toBe(4);
  });

  it('rejects out-of-range inputs', () => {
    const ok = { volatilityBps: 4, inventoryRatio: 0 };
    expect(() => practicalSpread(defaults, { ...ok, volatilityBps: -1 })).toThrow(InvalidInputError);
    expect(() => practicalSpread(defaults, { ...ok, imbalance: 1.5 })).toThrow(InvalidInputError);
    expect(() => practicalSpread(defaults, { ...ok, bias: -2 })).toThrow(InvalidInputError);
    expect(() => practicalSpread(defaults, { ...ok, askSpreadMultiplier: 0.5 })).toThrow(InvalidInputError);
    expect(() => practicalSpread(defaults, { ...ok, inventoryRatio: Number.NaN })).toThrow(InvalidInputError);
  });

  it('property: offsets are ≥ 0 and add up to at least minSpreadBps', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        (volatilityBps, inventoryRatio, imbalance, bias, bidSpreadMultiplier, askSpreadMultiplier) => {
          const parts = practicalSpread(defaults, {
            volatilityBps,
            inventoryRatio,
            imbalance,
            bias,
            bidSpreadMultiplier,
            askSpreadMultiplier,
          });
          expect(parts.bidOffsetBps).toBeGreaterThanOrEqual(-1e-12);
          expect(parts.askOffsetBps).toBeGreaterThanOrEqual(-1e-12);
          expect(parts.bidOffsetBps + parts.askOffsetBps).toBeGreaterThanOrEqual(defaults.minSpreadBps - 1e-9);
        },
      ),
    );
  });
});
