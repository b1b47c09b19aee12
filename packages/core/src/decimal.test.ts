import { describe, expect, it } from 'vitest';
import { decimalFromNumber, divideRounded, formatDecimal, parseDecimal } from './decimal.js';

describe('decimal', () => {
  it('parses and formats exactly', () => {
    expect(formatDecimal(parseDecimal('64093.0'))).toBe('64093');
    expect(formatDecimal(parseDecimal('0.00033'))).toBe('0.00033');
    expect(formatDecimal(parseDecimal('1e-5'))).toBe('0.00001');
    expect(formatDecimal(parseDecimal('-12.50'))).toBe('-12.5');
    expect(formatDecimal(parseDecimal('.5'))).toBe('0.5');
    expect(formatDecimal(parseDecimal('1.5e3'))).toBe('1500');
    expect(formatDecimal(parseDecimal('0.000'))).toBe('0');
    expect(formatDecimal(decimalFromNumber(0.1 + 0.2))).toBe('0.30000000000000004');
    expect(() => parseDecimal('1,5')).toThrow(/not a decimal/);
  });

  it('divides with every rounding mode', () => {
    expect(divideRounded(7n, 2n, 'down')).toBe(3n);
    expect(divideRounded(7n, 2n, 'up')).toBe(4n);
    expect(divideRounded(7n, 2n, 'nearest')).toBe(4n);
    expect(divideRounded(-7n, 2n, 'down')).toBe(-4n);
    expect(divideRounded(-7n, 2n, 'up')).toBe(-3n);
    expect(divideRounded(7n, 3n, 'nearest')).toBe(2n);
    expect(divideRounded(7n, 2n, 'exact')).toBeUndefined();
    expect(divideRounded(8n, 2n, 'exact')).toBe(4n);
  });
});
