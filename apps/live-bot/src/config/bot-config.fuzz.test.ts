import fc from 'fast-check';
import { ConfigError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { loadBotConfig } from './bot-config.js';

/** CI-sized; `MM_FUZZ_RUNS=100000` for the long run. */
const RUNS = Number(process.env.MM_FUZZ_RUNS ?? 1000);

const KEYS = [
  'HL_MODE',
  'HL_PRIVATE_KEY',
  'HL_WALLET_ADDRESS',
  'MM_ALLOW_MAINNET',
  'TOTAL_CAPITAL',
  'MAX_TOTAL_POSITION_USD',
  'MAX_DAILY_LOSS_USD',
  'MAX_DRAWDOWN_PCT',
  'DISCORD_WEBHOOK_URL',
  'NOTIFY_INTERVAL_SECONDS',
  'LOG_LEVEL',
  'MM_MONITOR_PORT',
  'MM_MONITOR_HOST',
  'MM_MONITOR_TOKEN',
  'RUN_SECONDS',
  'HL_API_URL',
  'HL_WS_URL',
  'JOURNAL_PATH',
  'BTC_ENABLED',
  'BTC_ORDER_SIZE_USD',
  'BTC_MAX_POSITION_USD',
  'BTC_NUM_LEVELS',
  'BTC_BASE_SPREAD_BPS',
  'BTC_STRATEGY',
  'BTC_ORDER_SIZ_USD',
  'ETH_ENABLED',
  'MM_TYPO',
];
const values = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    'true',
    'false',
    '0',
    '-1',
    '1e300',
    'NaN',
    'Infinity',
    '0x',
    '0.0.0.0',
    'http://127.0.0.1:1',
    'mainnet',
    'paper',
  ),
  fc.double().map(String),
  fc.integer().map(String),
);

describe('fuzz: the bot configuration from a hostile environment', () => {
  it(`${RUNS} random environments: a configuration or a ConfigError naming the fields, nothing else`, () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), values), (env) => {
        try {
          const { config } = loadBotConfig(env, '/repo');
          // Accepted: every number finite, so nothing NaN reaches the quoter.
          for (const asset of config.assets)
            expect(Number.isFinite(asset.orderSizeUsd) && Number.isFinite(asset.maxPositionUsd)).toBe(true);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) expect(issue.field).not.toBe('');
        }
      }),
      { numRuns: RUNS },
    );
  });
});
