import { InvalidInputError } from '@mm/core';

/**
 * Precondition checks shared by the pricing functions. A NaN that slips into a quote becomes a
 * NaN price on the wire (or a silent no-quote), so every public entry point fails fast instead.
 * Internal: not part of the package surface.
 */
export function requireFinite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new InvalidInputError(`${name} must be a finite number, got ${value}`, { [name]: value });
  return value;
}

export function requireNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`${name} must be a finite number >= 0, got ${value}`, { [name]: value });
  }
  return value;
}

export function requirePositive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError(`${name} must be a finite number > 0, got ${value}`, { [name]: value });
  }
  return value;
}

export function requireInRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new InvalidInputError(`${name} must be in [${min}, ${max}], got ${value}`, { [name]: value });
  }
  return value;
}
