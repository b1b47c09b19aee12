import { ConfigError, InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { orderRateLimitAbove, parseRiskLimits } from './risk-limits.js';
import { RiskManager } from './risk-manager.js';

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

describe('orderRateLimitAbove: the normal order rate stays below WARNING', () => {
  it('is the smallest limit at which the normal rate is under the warning share (hand-computed)', () => {
    // 43 orders a minute under a 50% warning: 43/86 is exactly 50% (WARNING), 43/87 = 49.4% (NORMAL).
    expect(orderRateLimitAbove(43, 50)).toBe(87);
    // 30 under 50%: 30/60 = 50% would warn, so 61.
    expect(orderRateLimitAbove(30, 50)).toBe(61);
    expect(orderRateLimitAbove(0, 50)).toBe(1);
    expect(orderRateLimitAbove(10, 100)).toBe(11);
  });

  it('refuses a rate or share that is not a number in range', () => {
    expect(() => orderRateLimitAbove(Number.NaN, 50)).toThrow(InvalidInputError);
    expect(() => orderRateLimitAbove(10, 0)).toThrow(InvalidInputError);
  });

  it('leaves the risk manager NORMAL at the normal rate and WARNING above it', () => {
    const limit = orderRateLimitAbove(43, 50);
    const risk = new RiskManager({ capitalUsd: 5_000, maxOrdersPerMinute: limit });
    for (let i = 0; i < 43; i += 1) risk.onOrderSent(i * 1_000_000);
    expect(risk.evaluate(43_000_000).status).toBe('NORMAL');
    risk.onOrderSent(43_000_000); // one more than the normal rate within the minute
    expect(risk.evaluate(43_500_000).status).toBe('WARNING');
  });
});
