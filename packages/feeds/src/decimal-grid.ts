import { divideDecimals, divideRounded, InvalidInputError, parseDecimal } from '@mm/core';

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** `DecimalGrid.unitsOf` could not decide exactly on the fast path. */
export const OUT_OF_RANGE = -1;

/**
 * Exact decimal text → integer multiples of a unit (ticks of a price, lots of a size). Scanners
 * split the digits themselves and call `unitsOf`; `parseBytes`/`parseText` do the whole thing.
 * The fast path is plain `digits[.digits]` whose mantissa fits 2^53, the only form venues send;
 * anything else (exponents, signs, 17+ digits) takes the exact BigInt path of `@mm/core`.
 * Off-grid or malformed text gives NaN, never a rounded value: callers turn NaN into a parse
 * error with context.
 */
export class DecimalGrid {
  readonly unitText: string;
  private readonly unitMantissa: number;
  private readonly unitScale: number;

  constructor(unitText: string) {
    const unit = parseDecimal(unitText);
    const mantissa = Number(unit.units);
    if (unit.units <= 0n || !Number.isSafeInteger(mantissa) || unit.scale > 22) {
      throw new InvalidInputError(`grid unit must be a positive decimal, got '${unitText}'`);
    }
    this.unitText = unitText;
    this.unitMantissa = mantissa;
    this.unitScale = unit.scale;
  }

  /**
   * Units of `mantissa / 10^decimals`: NaN when off the grid, `OUT_OF_RANGE` (−1) when the fast
   * path cannot be exact (then use `parseText`, which takes the BigInt path).
   */
  unitsOf(mantissa: number, decimals: number): number {
    if (mantissa > Number.MAX_SAFE_INTEGER) return OUT_OF_RANGE;
    if (decimals <= this.unitScale) {
      const numerator = mantissa * POW10[this.unitScale - decimals]!;
      if (numerator > Number.MAX_SAFE_INTEGER) return OUT_OF_RANGE;
      if (this.unitMantissa === 1) return numerator;
      return numerator % this.unitMantissa === 0 ? numerator / this.unitMantissa : Number.NaN;
    }
    const denominator = this.unitMantissa * (POW10[decimals - this.unitScale] ?? Number.POSITIVE_INFINITY);
    if (denominator > Number.MAX_SAFE_INTEGER) return OUT_OF_RANGE;
    return mantissa % denominator === 0 ? mantissa / denominator : Number.NaN;
  }

  /** Units of ASCII decimal text in `bytes[start, end)`, or NaN. */
  parseBytes(bytes: Uint8Array, start: number, end: number): number {
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    for (let i = start; i < end; i += 1) {
      const code = bytes[i]!;
      if (code >= 48 && code <= 57) {
        mantissa = mantissa * 10 + (code - 48);
        digits += 1;
        if (decimals >= 0) decimals += 1;
      } else if (code === 46 && decimals < 0) {
        decimals = 0;
      } else {
        return this.parseSlow(String.fromCharCode(...bytes.subarray(start, end)));
      }
    }
    if (digits === 0) return Number.NaN;
    const units = this.unitsOf(mantissa, decimals < 0 ? 0 : decimals);
    return units === OUT_OF_RANGE ? this.parseSlow(String.fromCharCode(...bytes.subarray(start, end))) : units;
  }

  /** Units of decimal text, or NaN. */
  parseText(text: string): number {
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code >= 48 && code <= 57) {
        mantissa = mantissa * 10 + (code - 48);
        digits += 1;
        if (decimals >= 0) decimals += 1;
      } else if (code === 46 && decimals < 0) {
        decimals = 0;
      } else {
        return this.parseSlow(text);
      }
    }
    if (digits === 0) return Number.NaN;
    const units = this.unitsOf(mantissa, decimals < 0 ? 0 : decimals);
    return units === OUT_OF_RANGE ? this.parseSlow(text) : units;
  }

  private parseSlow(text: string): number {
    try {
      const { num, den } = divideDecimals(parseDecimal(text), parseDecimal(this.unitText));
      const units = divideRounded(num, den, 'exact');
      if (units === undefined) return Number.NaN;
      const value = Number(units);
      return Number.isSafeInteger(value) ? value : Number.NaN;
    } catch {
      return Number.NaN;
    }
  }
}
