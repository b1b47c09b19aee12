import { ConfigError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { parseRiskLimits } from './risk-limits.js';

function issueFields(input: unknown): string[] {
  try {
    parseRiskLimits(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => issue.field).sort();
  }
  throw new Error('expected a ConfigError');
}

describe('parseRiskLimits', () => {
  it('fills the documented defaults and freezes the result', () => {
    const limits = parseRiskLimits({ capitalUsd: 2000 });
    expect(limits).toMatchObject({
      capitalUsd: 2000,
      maxPositionUsdPerAsset: 500,
      maxTotalPositionUsd: 2000,
      maxDailyLossUsd: 50,
      maxDrawdownPct: 5,
      volatilityPauseMultiple: 3,
      maxOrdersPerMinute: 60,
      widenMovePct: 1,
      widenWindowSeconds: 60,
      widenSpreadMultiple: 3,
      widenCooldownSeconds: 300,
      cancelMovePct: 3,
      cancelWindowSeconds: 300,
      cancelCooldownSeconds: 900,
      maxApiErrors: 5,
      apiErrorWindowSeconds: 60,
      apiErrorPauseSeconds: 120,
      warningUsagePct: 50,
      criticalUsagePct: 80,
    });
    expect(Object.isFrozen(limits)).toBe(true);
  });

  it('requires capital', () => {
    expect(issueFields({})).toEqual(['capitalUsd']);
  });

  it('names an unknown key', () => {
    expect(issueFields({ capitalUsd: 1000, maxDailyLoss: 10 })).toEqual(['maxDailyLoss']);
  });

  it('rejects negative and zero limits, naming each field', () => {
    expect(issueFields({ capitalUsd: 1000, maxPositionUsdPerAsset: -1, maxTotalPositionUsd: 0, maxDailyLossUsd: -50 })).toEqual([
      'maxDailyLossUsd',
      'maxPositionUsdPerAsset',
      'maxTotalPositionUsd',
    ]);
    expect(issueFields({ capitalUsd: -1 })).toEqual(['capitalUsd']);
  });

  it('accepts percentages in (0, 100] only', () => {
    expect(issueFields({ capitalUsd: 1000, maxDrawdownPct: 0 })).toEqual(['maxDrawdownPct']);
    expect(issueFields({ capitalUsd: 1000, maxDrawdownPct: 100.5 })).toEqual(['maxDrawdownPct']);
    expect(issueFields({ capitalUsd: 1000, widenMovePct: -1 })).toEqual(['widenMovePct']);
    expect(parseRiskLimits({ capitalUsd: 1000, maxDrawdownPct: 100 }).maxDrawdownPct).toBe(100);
  });

  it('wants whole orders per minute and a WARNING threshold below CRITICAL', () => {
    expect(issueFields({ capitalUsd: 1000, maxOrdersPerMinute: 10.5 })).toEqual(['maxOrdersPerMinute']);
    expect(issueFields({ capitalUsd: 1000, warningUsagePct: 90, criticalUsagePct: 80 })).toEqual(['warningUsagePct']);
  });

  it('says what is wrong in the message', () => {
    expect(() => parseRiskLimits({ capitalUsd: 1000, maxDrawdownPct: 0 })).toThrow(/maxDrawdownPct: must be > 0/);
  });
});
