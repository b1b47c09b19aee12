import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Instrument } from '@mm/core';
import { DecimalGrid, OUT_OF_RANGE } from './decimal-grid.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('DecimalGrid', () => {
  it('reads venue decimals exactly onto the grid', () => {
    const tick = new DecimalGrid('0.1');
    expect(tick.parseText('61800.20')).toBe(618_002);
    expect(tick.parseText('61800')).toBe(618_000);
    expect(tick.parseText('1000.00')).toBe(10_000);
    expect(tick.parseText('0.000')).toBe(0);
    const lot = new DecimalGrid('0.001');
    expect(lot.parseText('606.675')).toBe(606_675);
    expect(lot.parseText('2.5')).toBe(2_500);
    const payload = bytes('"x":"105055.0"');
    expect(new DecimalGrid('0.1').parseBytes(payload, 5, 13)).toBe(1_050_550);
  });

  it('gives NaN for off-grid or malformed text instead of rounding', () => {
    const tick = new DecimalGrid('0.1');
    expect(tick.parseText('61800.25')).toBeNaN();
    expect(tick.parseText('')).toBeNaN();
    expect(tick.parseText('.')).toBeNaN();
    expect(tick.parseText('1.2.3')).toBeNaN();
    expect(tick.parseText('abc')).toBeNaN();
    expect(tick.parseText('NaN')).toBeNaN();
    expect(tick.parseText('Infinity')).toBeNaN();
    expect(new DecimalGrid('0.5').parseText('1.25')).toBeNaN();
  });

  it('handles non-power-of-ten units and the exact slow path', () => {
    const half = new DecimalGrid('0.5');
    expect(half.parseText('3.5')).toBe(7);
    expect(half.parseText('3.50000')).toBe(7);
    const tick = new DecimalGrid('0.1');
    expect(tick.parseText('1e2')).toBe(1_000); // exponent: BigInt path
    expect(tick.parseText('123456789012345678.9')).toBeNaN(); // beyond 2^53 ticks
    expect(tick.unitsOf(2 ** 60, 0)).toBe(OUT_OF_RANGE);
  });

  it('agrees with Instrument.parsePriceTicks / parseSizeLots on random grid values', () => {
    const instrument = new Instrument({ symbol: 'X', venue: 'v', tickSize: '0.25', lotSize: '0.00001', minNotional: 0 });
    const prices = new DecimalGrid(instrument.tickSizeText);
    const sizes = new DecimalGrid(instrument.lotSizeText);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 4 }), (units, zeros) => {
        const priceText = instrument.formatPrice(units || 1) + (instrument.formatPrice(units || 1).includes('.') ? '0'.repeat(zeros) : '');
        expect(prices.parseText(priceText)).toBe(instrument.parsePriceTicks(priceText));
        const sizeText = instrument.formatSize(units);
        expect(sizes.parseText(sizeText)).toBe(instrument.parseSizeLots(sizeText));
      }),
    );
  });
});
