import { describe, expect, it } from 'vitest';
import { formatSummaryValue } from './format-summary-value.js';

describe('formatSummaryValue', () => {
  it('shows strings as given', () => {
    expect(formatSummaryValue('1.2 bps')).toBe('1.2 bps');
  });

  it('groups integers and keeps every digit', () => {
    expect(formatSummaryValue(1_234_567)).toBe('1,234,567');
    expect(formatSummaryValue(-42)).toBe('-42');
  });

  it('keeps 8 significant digits of fractions, dropping float noise', () => {
    expect(formatSummaryValue(0.1 + 0.2)).toBe('0.3');
    expect(formatSummaryValue(12_345.678_91)).toBe('12,345.679');
    expect(formatSummaryValue(-0.000_123_456_789)).toBe('-0.00012345679');
  });

  it('names non-finite values', () => {
    expect(formatSummaryValue(Number.NaN)).toBe('n/a');
    expect(formatSummaryValue(Infinity)).toBe('∞');
    expect(formatSummaryValue(-Infinity)).toBe('−∞');
  });
});
