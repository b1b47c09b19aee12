import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { parsePrometheusText } from './monitoring/index.js';
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
    // A local HTTP server stands in for the Discord webhook.
    const webhookBodies: string[] = [];
    const webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += String(chunk)));
      request.on('end', () => {
        webhookBodies.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/api/webhooks/1/secret-token`;
    const loaded = loadBotConfig(
      {
        DISCORD_WEBHOOK_URL: webhookUrl,
        MM_MONITOR_PORT: '0',
        HL_PRIVATE_KEY: KEY,
        NOTIFY_INTERVAL_SECONDS: '5',
        LOG_QUOTES: 'true',
        LOG_LEVEL: 'debug',
        JOURNAL_PATH: path.join(journalDir, 'journal.sqlite'),
      },
      repositoryRoot,
    );
    const logger = pino({ level: 'debug' }, sink);
    const bot = await startBot(loaded, logger, (text) => printed.push(text));
    try {
      for (let waited = 0; waited < 15_000 && (await bot.openOrdersOnVenue()) < 6; waited += 250)
        await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await bot.openOrdersOnVenue()).toBe(6); // three levels a side
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      expect(printed.join('\n')).toContain('=== MM BOT STATUS ===');
      expect(printed.join('\n')).toMatch(/quotes S [\d.]+@\d+/);
      expect(logLines.some((line) => line.includes('commands sent'))).toBe(true);
      // Monitoring: Prometheus text, the JSON snapshot, the status on the stand-in Discord webhook.
      const metricsText = await (await fetch(`${bot.monitorUrl}/metrics`)).text();
      expect(parsePrometheusText(metricsText).has('mm_quotes_resting')).toBe(true);
      const snapshot = (await (await fetch(`${bot.monitorUrl}/api/snapshot`)).json()) as { assets: Array<{ quotes: unknown[] }> };
      expect(snapshot.assets[0]!.quotes).toHaveLength(6);
      expect((await fetch(`${bot.monitorUrl}/`)).headers.get('content-type')).toContain('text/html');
      for (let waited = 0; waited < 5_000 && webhookBodies.length === 0; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(webhookBodies.join('\n')).toContain('BTC');
    } finally {
      await bot.stop('test over');
      webhook.close();
    }
    // The venue is closed by stop(); it counted our open orders just before: none.
    expect(printed.at(-1)).toContain('open orders left on the venue: 0');
    const everything = [...logLines, ...printed, ...webhookBodies].join('\n').toLowerCase();
    expect(everything).not.toContain('secret-token');
    expect(everything).not.toContain(KEY.slice(2).toLowerCase());
    // The journal (and its WAL side files, if any are left) hold addresses, never the key.
    const files = readdirSync(journalDir);
    expect(files).toContain('journal.sqlite');
    for (const file of files)
      expect(readFileSync(path.join(journalDir, file)).toString('latin1').toLowerCase()).not.toContain(KEY.slice(2).toLowerCase());
    rmSync(journalDir, { recursive: true, force: true });
  }, 60_000);
});
