import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { ConfigError } from './errors.js';

const schema = z.strictObject({
  spread: z.strictObject({ minBps: z.number().min(0).default(0.5), maxBps: z.number().max(100).default(20) }),
  levels: z.number().int().min(1).default(3),
});

describe('parseConfig', () => {
  it('applies schema defaults and freezes the result', () => {
    const config = parseConfig(schema, { spread: {} }, 'quoter config');
    expect(config).toEqual({ spread: { minBps: 0.5, maxBps: 20 }, levels: 3 });
    expect(Object.isFrozen(config.spread)).toBe(true);
  });

  it('names every bad field, unknown keys included', () => {
    try {
      parseConfig(schema, { spread: { minBps: -1, maxBps: 500, typo: 1 }, levels: 0 }, 'quoter config');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const fields = (error as ConfigError).issues.map((issue) => issue.field).sort();
      expect(fields).toEqual(['levels', 'spread.maxBps', 'spread.minBps', 'spread.typo']);
      expect((error as ConfigError).message).toContain('spread.minBps: must be >= 0');
      expect((error as ConfigError).message).toContain('spread.typo: unknown key');
    }
  });
});
