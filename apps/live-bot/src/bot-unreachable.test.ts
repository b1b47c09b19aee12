import { VenueError } from '@mm/core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startBot } from './bot.js';
import { loadBotConfig } from './config/bot-config.js';

describe('a venue that does not answer', () => {
  it('stops the start with a VenueError naming the URL and HL_API_URL, not "fetch failed"', async () => {
    const loaded = loadBotConfig(
      {
        HL_MODE: 'testnet',
        HL_PRIVATE_KEY: `0x${'7'.repeat(64)}`,
        HL_API_URL: 'http://127.0.0.1:1',
        HL_WS_URL: 'ws://127.0.0.1:1/ws',
        JOURNAL_PATH: '/tmp/mm-unreachable-never-opened.sqlite',
      },
      '/repo',
    );
    const error = await startBot(loaded, pino({ level: 'silent' }), () => {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VenueError);
    expect((error as Error).message).toMatch(/^cannot reach the Hyperliquid API at http:\/\/127\.0\.0\.1:1 \(.*\): check HL_API_URL/);
  }, 60_000);
});
