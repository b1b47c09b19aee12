import { describe, expect, it } from 'vitest';
import { ConfigError } from '@mm/core';
import { BasicStrategy } from './basic-strategy.js';

describe('BasicStrategy config', () => {
  it('defaults to one level with the whole order size on it', () => {
    const strategy = new BasicStrategy({ symbol: 'BTC' });
    expect(strategy.symbols).toEqual(['BTC']);
    expect(strategy.config).toMatchObject({ maxPositionUsd: 500, requoteIntervalMs: 1_000, minRequoteIntervalMs: 100 });
  });

  it('names bad fields', () => {
    expect(() => new BasicStrategy({ symbol: 'BTC', maxPositionUsd: -1 })).toThrow(/maxPositionUsd/);
    expect(() => new BasicStrategy({ symbol: 'BTC', requoteEvery: 5 } as never)).toThrow(ConfigError);
    expect(() => new BasicStrategy({ symbol: 'BTC', inventoryLadder: { pauseAboveRatio: 2 } })).toThrow(/pauseAboveRatio/);
  });
});
