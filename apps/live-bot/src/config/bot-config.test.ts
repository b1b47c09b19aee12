import { describe, expect, it } from 'vitest';
import { ConfigError } from '@mm/core';
import { loadBotConfig, quotingWarnings } from './bot-config.js';

const ROOT = '/repo';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadBotConfig(env, ROOT);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => `${issue.field}: ${issue.problem}`);
  }
}

describe('loadBotConfig', () => {
  it('runs in paper mode on BTC with the seed defaults when nothing is set', () => {
    const { config, privateKey } = loadBotConfig({ PATH: '/usr/bin', HOME: '/root' }, ROOT);
    expect(config.HL_MODE).toBe('paper');
    expect(privateKey).toBeUndefined();
    expect(config.assets).toEqual([
      expect.objectContaining({ symbol: 'BTC', baseSpreadBps: 2, orderSizeUsd: 100, maxPositionUsd: 500, numLevels: 3 }),
    ]);
    expect(config.paperData).toBe('/shared/data/binance-usdm/btcusdt_20240808.gz');
    expect(JSON.stringify(config)).not.toContain('PRIVATE');
  });

  it('reads the per-asset keys of enabled assets', () => {
    const { config } = loadBotConfig(
      { BTC_ENABLED: 'true', BTC_BASE_SPREAD_BPS: '3.5', BTC_NUM_LEVELS: '1', BTC_STRATEGY: 'adaptive', ETH_ENABLED: 'false' },
      ROOT,
    );
    expect(config.assets).toHaveLength(1);
    expect(config.assets[0]).toMatchObject({ symbol: 'BTC', baseSpreadBps: 3.5, numLevels: 1, strategy: 'adaptive' });
    expect(issuesOf({ BTC_ENABLED: 'true', BTC_STRATEGY: 'clever' })).toEqual([expect.stringMatching(/^BTC_STRATEGY: /)]);
  });

  it('validates an asset setting that is present even when the asset is not enabled', () => {
    expect(issuesOf({ BTC_STRATEGY: 'fancy' })).toEqual([expect.stringMatching(/^BTC_STRATEGY: /)]);
    expect(issuesOf({ BTC_BASE_SPREAD_BPS: 'abc' })).toEqual([expect.stringMatching(/^BTC_BASE_SPREAD_BPS: /)]);
    expect(issuesOf({ ETH_ENABLED: 'false', ETH_ORDER_SIZE_USD: '-1' })).toEqual([expect.stringMatching(/^ETH_ORDER_SIZE_USD: /)]);
    // Valid settings of a disabled asset are accepted and it does not quote.
    const { config } = loadBotConfig({ ETH_ENABLED: 'false', ETH_BASE_SPREAD_BPS: '4' }, ROOT);
    expect(config.assets.map((asset) => asset.symbol)).toEqual(['BTC']);
  });

  it('names each bad key with its allowed range', () => {
    const issues = issuesOf({
      BTC_ENABLED: 'true',
      BTC_BASE_SPREAD_BPS: '-1',
      BTC_ORDER_SIZ_USD: '100',
      MAX_DRAWDOWN_PCT: '150',
      LOG_LEVEL: 'loud',
      HL_MODEL: 'paper',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'BTC_BASE_SPREAD_BPS: must be >= 0',
        expect.stringMatching(/^BTC_ORDER_SIZ_USD: unknown key/),
        'MAX_DRAWDOWN_PCT: must be <= 100',
        expect.stringMatching(/^LOG_LEVEL: /),
        expect.stringMatching(/^HL_MODEL: unknown key/),
      ]),
    );
  });

  it('bounds every numeric setting: an absurd size is a config error naming the key, not a crash after start', () => {
    expect(issuesOf({ BTC_ENABLED: 'true', BTC_MAX_POSITION_USD: '1e300' })).toEqual(['BTC_MAX_POSITION_USD: must be <= 100000000']);
    expect(issuesOf({ MAX_TOTAL_POSITION_USD: '1e300', MAX_DAILY_LOSS_USD: '1e20', RUN_SECONDS: '1e12' })).toEqual([
      'MAX_TOTAL_POSITION_USD: must be <= 100000000',
      'MAX_DAILY_LOSS_USD: must be <= 10000000',
      'RUN_SECONDS: must be <= 31622400',
    ]);
  });

  it('needs a key and an explicit opt-in for mainnet', () => {
    expect(issuesOf({ HL_MODE: 'mainnet' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^HL_MODE: mainnet trades real money/),
        expect.stringMatching(/^HL_PRIVATE_KEY: required/),
      ]),
    );
    const key = `0x${'ab'.repeat(32)}`;
    const { config, privateKey } = loadBotConfig({ HL_MODE: 'mainnet', MM_ALLOW_MAINNET: 'true', HL_PRIVATE_KEY: key }, ROOT);
    expect(config.HL_MODE).toBe('mainnet');
    expect(privateKey).toBe(key);
    expect(JSON.stringify(config)).not.toContain('abab');
  });
});

describe('HL_PRIVATE_KEY outside the curve', () => {
  // secp256k1's group order n (SEC 2, section 2.4.1): keys are 1 .. n-1.
  const order = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';
  const lastKey = `0x${(BigInt(`0x${order}`) - 1n).toString(16)}`;
  for (const key of [`0x${'0'.repeat(64)}`, `0x${order}`, `0x${'f'.repeat(64)}`]) {
    it(`refuses ${key.slice(0, 10)}… naming the key, without repeating it in any spelling`, () => {
      const error = (() => {
        try {
          loadBotConfig({ HL_PRIVATE_KEY: key }, ROOT);
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('accepted');
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(/HL_PRIVATE_KEY: is not a valid secp256k1 private key/);
      const text = `${error.message}\n${error.stack ?? ''}`.toLowerCase();
      expect(text).not.toContain(key.slice(2, 34));
      // The signing library's own error gave the key in decimal (zero has no digits worth hiding).
      if (BigInt(key) > 0n) expect(text).not.toContain(BigInt(key).toString(10).slice(0, 20));
    });
  }
  it('accepts n - 1, the largest key', () => {
    expect(loadBotConfig({ HL_PRIVATE_KEY: lastKey }, ROOT).privateKey).toBe(lastKey);
  });
});

describe('quotingWarnings: settings that quote nothing are said at start', () => {
  it('warns for an order under the $10 minimum and a max position under one minimum order, naming the keys', () => {
    const { config } = loadBotConfig(
      { BTC_ENABLED: 'true', BTC_ORDER_SIZE_USD: '0.01', ETH_ENABLED: 'true', ETH_MAX_POSITION_USD: '5' },
      '/repo',
    );
    const warnings = quotingWarnings(config);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^BTC_ORDER_SIZE_USD=0\.01 is below Hyperliquid's minimum order value of \$10/);
    expect(warnings[1]).toMatch(/^ETH_MAX_POSITION_USD=5 is below one minimum order/);
  });

  it('says nothing for the defaults', () => {
    expect(quotingWarnings(loadBotConfig({}, '/repo').config)).toEqual([]);
  });
});
