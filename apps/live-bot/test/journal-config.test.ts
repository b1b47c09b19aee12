import { ConfigError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { loadBotConfig } from '../src/config/bot-config.js';

const ROOT = '/repo';
const KEY = `0x${'ab'.repeat(32)}`;

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadBotConfig(env, ROOT);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => `${issue.field}: ${issue.problem}`);
  }
}

describe('journal and endpoint settings', () => {
  it('keeps the journal under apps/live-bot/data by default, resolved from the repository root', () => {
    expect(loadBotConfig({}, ROOT).config.journalPath).toBe('/repo/apps/live-bot/data/journal.sqlite');
    expect(loadBotConfig({ JOURNAL_PATH: '/tmp/j.sqlite' }, ROOT).config.journalPath).toBe('/tmp/j.sqlite');
    expect(loadBotConfig({ JOURNAL_PATH: 'var/j.sqlite' }, ROOT).config.journalPath).toBe('/repo/var/j.sqlite');
  });

  it('takes HL_API_URL and HL_WS_URL for testnet and mainnet', () => {
    const { config } = loadBotConfig(
      { HL_MODE: 'testnet', HL_PRIVATE_KEY: KEY, HL_API_URL: 'http://127.0.0.1:3001', HL_WS_URL: 'wss://proxy.example/ws' },
      ROOT,
    );
    expect(config.HL_API_URL).toBe('http://127.0.0.1:3001');
    expect(config.HL_WS_URL).toBe('wss://proxy.example/ws');
  });

  it('names bad endpoints and journal keys', () => {
    expect(
      issuesOf({ HL_MODE: 'testnet', HL_PRIVATE_KEY: KEY, HL_API_URL: 'ws://127.0.0.1:1', HL_WS_URL: 'not a url', JOURNAL_PAHT: 'x' }),
    ).toEqual(
      expect.arrayContaining([
        'HL_API_URL: must be a http or https URL',
        expect.stringMatching(/^HL_WS_URL: must be a URL/),
        expect.stringMatching(/^JOURNAL_PAHT: unknown key/),
      ]),
    );
    expect(issuesOf({ HL_API_URL: 'http://127.0.0.1:1' })).toEqual([
      expect.stringMatching(/^HL_API_URL: only for HL_MODE=testnet or mainnet/),
    ]);
  });
});
