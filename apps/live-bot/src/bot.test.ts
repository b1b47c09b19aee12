import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadBotConfig } from './config/bot-config.js';
import { startBot } from './bot.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const KEY = `0x${'4c'.repeat(32)}`;

describe('live bot in paper mode against the embedded local venue', () => {
  it('quotes, reports status, and leaves no order behind when stopped; the key never reaches a log', async () => {
    const logLines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const printed: string[] = [];
    const journalDir = mkdtempSync(path.join(tmpdir(), 'live-bot-journal-'));
    const loaded = loadBotConfig({ HL_PRIVATE_KEY: KEY, NOTIFY_INTERVAL_SECONDS: '5', LOG_QUOTES: 'true', LOG_LEVEL: 'debug', JOURNAL_PATH: path.join(journalDir, 'journal.sqlite') }, repositoryRoot);
    const logger = pino({ level: 'debug' }, sink);
    const bot = await startBot(loaded, logger, (text) => printed.push(text));
    try {
      for (let waited = 0; waited < 15_000 && (await bot.openOrdersOnVenue()) < 6; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await bot.openOrdersOnVenue()).toBe(6); // three levels a side
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      expect(printed.join('\n')).toContain('=== MM BOT STATUS ===');
      expect(printed.join('\n')).toMatch(/quotes S [\d.]+@\d+/);
      expect(logLines.some((line) => line.includes('commands sent'))).toBe(true);
    } finally {
      await bot.stop('test over');
    }
    // The venue is closed by stop(); it counted our open orders just before: none.
    expect(printed.at(-1)).toContain('open orders left on the venue: 0');
    const everything = [...logLines, ...printed].join('\n').toLowerCase();
    expect(everything).not.toContain(KEY.slice(2).toLowerCase());
    // The journal (and its WAL side files, if any are left) hold addresses, never the key.
    const files = readdirSync(journalDir);
    expect(files).toContain('journal.sqlite');
    for (const file of files) expect(readFileSync(path.join(journalDir, file)).toString('latin1').toLowerCase()).not.toContain(KEY.slice(2).toLowerCase());
    rmSync(journalDir, { recursive: true, force: true });
  }, 60_000);
});
