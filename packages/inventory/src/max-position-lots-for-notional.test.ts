import { Instrument, InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { maxPositionLotsForNotional } from './max-position-lots-for-notional.js';

const btc = Instrument.hyperliquidPerp('BTC', 5); // tick $0.1, lot 0.00001 BTC

describe('maxPositionLotsForNotional', () => {
  it('converts a quote-currency limit to lots at a price, rounding down', () => {
    // $50,000 at $62,500 = 0.8 BTC = 80,000 lots.
    expect(maxPositionLotsForNotional(btc, 50_000, 625_000)).toBe(80_000);
    // $10,000 at $60,000 = 0.1666… BTC: 16,666 lots, never 16,667.
    expect(maxPositionLotsForNotional(btc, 10_000, 600_000)).toBe(16_666);
    expect(btc.notional(600_000, 16_666)).toBeLessThanOrEqual(10_000);
  });

  it('rejects a non-positive limit or price', () => {
    expect(() => maxPositionLotsForNotional(btc, 0, 600_000)).toThrow(InvalidInputError);
    expect(() => maxPositionLotsForNotional(btc, 1_000, Number.NaN)).toThrow(InvalidInputError);
  });
});
