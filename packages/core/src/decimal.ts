import { InvalidInputError } from './errors.js';

/** An exact decimal: `units / 10^scale`. Used only at the edges, where strings meet integers. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-]?)\.(\d+)(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string ("64093.0", "0.00033", "1e-5") exactly. */
export function parseDecimal(text: string): ExactDecimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (match === null) throw new InvalidInputError(`'${text}' is not a decimal number`, { text });
  const sign = (match[1] ?? match[5]) === '-' ? -1n : 1n;
  const integerDigits = match[2] ?? '0';
  const fractionDigits = match[3] ?? match[6] ?? '';
  const exponent = Number(match[4] ?? match[7] ?? '0');
  let units = BigInt(integerDigits + fractionDigits) * sign;
  let scale = fractionDigits.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units, scale };
}

/**
 * Decimal text of a finite JS number, exactly as JS prints it (the shortest string that
 * round-trips), so `0.1` stays "0.1" rather than its binary expansion.
 */
export function decimalFromNumber(value: number): ExactDecimal {
  if (!Number.isFinite(value)) throw new InvalidInputError(`${value} is not a finite number`, { value });
  return parseDecimal(String(value));
}

/** Formats without trailing zeros and without exponent ("100", not "100.0"): Hyperliquid hashes the text. */
export function formatDecimal(decimal: ExactDecimal): string {
  const negative = decimal.units < 0n;
  let digits = (negative ? -decimal.units : decimal.units).toString();
  let scale = decimal.scale;
  while (scale > 0 && digits.endsWith('0') && digits.length > 1) {
    digits = digits.slice(0, -1);
    scale -= 1;
  }
  if (scale > 0 && digits === '0') scale = 0;
  let text: string;
  if (scale <= 0) {
    text = digits + '0'.repeat(-scale);
  } else {
    const padded = digits.padStart(scale + 1, '0');
    text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  }
  return negative && text !== '0' ? `-${text}` : text;
}

/** `numerator / denominator` of two decimals as a fraction of bigints (denominator > 0). */
export function divideDecimals(numerator: ExactDecimal, denominator: ExactDecimal): { num: bigint; den: bigint } {
  if (denominator.units === 0n) throw new InvalidInputError('division by a zero decimal');
  // (a / 10^sa) / (b / 10^sb) = a * 10^sb / (b * 10^sa)
  let num = numerator.units * 10n ** BigInt(Math.max(denominator.scale, 0));
  let den = denominator.units * 10n ** BigInt(Math.max(numerator.scale, 0));
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  return { num, den };
}

export type RoundingMode = 'down' | 'up' | 'nearest' | 'exact';

/** Integer division of bigints under a rounding mode; 'exact' returns undefined when inexact. */
export function divideRounded(num: bigint, den: bigint, mode: RoundingMode): bigint | undefined {
  const quotient = num / den; // truncates toward zero
  const remainder = num % den;
  if (remainder === 0n) return quotient;
  switch (mode) {
    case 'exact':
      return undefined;
    case 'down':
      return num < 0n ? quotient - 1n : quotient;
    case 'up':
      return num < 0n ? quotient : quotient + 1n;
    case 'nearest': {
      const twice = 2n * (remainder < 0n ? -remainder : remainder);
      if (twice < den) return quotient; // truncation toward zero is already the nearest
      return num < 0n ? quotient - 1n : quotient + 1n; // ties away from zero
    }
  }
}
