import { ConfigError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { parsePositionTrackerConfig } from './position-tracker-config.js';

describe('parsePositionTrackerConfig', () => {
  it('takes its defaults from the schema', () => {
    expect(parsePositionTrackerConfig()).toEqual({ rememberedFillIds: 100_000 });
  });

  it('names the bad field, unknown keys included', () => {
    try {
      parsePositionTrackerConfig({ rememberedFillIds: 0, rememberFills: 5 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const fields = (error as ConfigError).issues.map((issue) => issue.field).sort();
      expect(fields).toEqual(['rememberFills', 'rememberedFillIds']);
    }
  });
});
