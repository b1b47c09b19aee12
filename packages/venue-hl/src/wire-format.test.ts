import { Instrument } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { formatPx, formatSz, trimDecimal } from './wire-format.js';

describe('wire formatting', () => {
  const btc = Instrument.hyperliquidPerp('BTC', 5);
  it('writes grid prices exactly, whole numbers with ".0" as the venue does, averages as plain decimals', () => {
    expect(formatPx(btc, 1_050_550)).toBe('105055.0');
    expect(formatPx(btc, 1_050_555)).toBe('105055.5');
    expect(formatSz(btc, -12)).toBe('-0.00012');
    expect(formatSz(btc, 0)).toBe('0.0');
    expect(formatSz(btc, 100_000)).toBe('1.0');
    expect(trimDecimal(-0.0015758)).toBe('-0.001576');
    expect(trimDecimal(-0.0000001)).toBe('0.0');
    expect(trimDecimal(100000)).toBe('100000.0');
  });
});
