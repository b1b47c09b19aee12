import { MICROS_PER_MINUTE, MICROS_PER_SECOND } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatUsd } from './format-number.js';

describe('reason-text formatting', () => {
  it('formats numbers without trailing zeros', () => {
    expect(formatNumber(1.4)).toBe('1.4');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(1.23456, 3)).toBe('1.235');
    expect(formatNumber(-0.0001)).toBe('0');
  });

  it('formats dollars with grouping', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.5');
    expect(formatUsd(-52.3)).toBe('-$52.3');
    expect(formatUsd(1_000_000)).toBe('$1,000,000');
    expect(formatUsd(0)).toBe('$0');
  });

  it('formats durations', () => {
    expect(formatDuration(5 * MICROS_PER_MINUTE)).toBe('5min');
    expect(formatDuration(42 * MICROS_PER_SECOND)).toBe('42s');
    expect(formatDuration(250_000)).toBe('0.25s');
    expect(formatDuration(0)).toBe('0s');
  });
});
