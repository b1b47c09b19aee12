import { ConfigError, MICROS_PER_DAY } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { parseInventoryLadderConfig } from './inventory-ladder-config.js';

function issueFields(input: unknown): string[] {
  try {
    parseInventoryLadderConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => issue.field).sort();
  }
  return [];
}

describe('parseInventoryLadderConfig', () => {
  it('takes its defaults from the schema: widen 50%, pause 80%, hedge 90% back to 50%', () => {
    const config = parseInventoryLadderConfig();
    expect(config).toEqual({
      widenAboveRatio: 0.5,
      widenSpreadMultiplier: 2,
      pauseAboveRatio: 0.8,
      hedgeAboveRatio: 0.9,
      hedgeTargetRatio: 0.5,
      endOfDayFlattenUtcTimeOfDayUs: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names an unknown key', () => {
    expect(issueFields({ pauseAbove: 0.8 })).toEqual(['pauseAbove']);
  });

  it('names a threshold outside (0, 1]', () => {
    expect(issueFields({ widenAboveRatio: 0 })).toEqual(['widenAboveRatio']);
    expect(issueFields({ hedgeAboveRatio: 1.2 })).toEqual(['hedgeAboveRatio']);
    expect(parseInventoryLadderConfig({ hedgeAboveRatio: 1 }).hedgeAboveRatio).toBe(1);
  });

  it('names the threshold that does not increase', () => {
    expect(issueFields({ widenAboveRatio: 0.8, pauseAboveRatio: 0.8 })).toEqual(['pauseAboveRatio']);
    expect(issueFields({ pauseAboveRatio: 0.95 })).toEqual(['hedgeAboveRatio']);
    expect(issueFields({ hedgeTargetRatio: 0.9 })).toEqual(['hedgeTargetRatio']);
    const message = (() => {
      try {
        parseInventoryLadderConfig({ pauseAboveRatio: 0.4 });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('pauseAboveRatio: must be greater than widenAboveRatio (0.5)');
  });

  it('checks the multiplier and the end-of-day time', () => {
    expect(issueFields({ widenSpreadMultiplier: 0.5 })).toEqual(['widenSpreadMultiplier']);
    expect(issueFields({ endOfDayFlattenUtcTimeOfDayUs: MICROS_PER_DAY })).toEqual(['endOfDayFlattenUtcTimeOfDayUs']);
    expect(issueFields({ endOfDayFlattenUtcTimeOfDayUs: 1.5 })).toEqual(['endOfDayFlattenUtcTimeOfDayUs']);
    expect(parseInventoryLadderConfig({ hedgeTargetRatio: 0 }).hedgeTargetRatio).toBe(0);
  });
});
