import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHyperliquidVenue } from '@mm/venue-hl';
import { HttpTransport, InfoClient } from '@nktkas/hyperliquid';
import { pino } from 'pino';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { startBot } from '../src/bot.js';
import { loadBotConfig } from '../src/config/bot-config.js';
import { Journal, OtherInstanceError } from '../src/journal/index.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const CAPTURE = path.resolve(repositoryRoot, '../shared/data/hyperliquid/btcusd_20250126.gz');
const KEY = `0x${'5d'.repeat(32)}` as const;
const ADDRESS = privateKeyToAccount(KEY).address.toLowerCase();

describe('two bots on one key with different journals (loopback venue)', () => {
  it('the second refuses to start, naming the first instance; the first keeps its orders', async () => {
    const venue = await startHyperliquidVenue({
      dataPath: CAPTURE,
      isTestnet: true,
      accounts: [{ address: ADDRESS, startingUsdc: 5_000 }],
    });
    const info = new InfoClient({ transport: new HttpTransport({ isTestnet: true, apiUrl: venue.url }) });
    const dir = mkdtempSync(path.join(tmpdir(), 'live-bot-instances-'));
    const load = (journal: string) =>
      loadBotConfig(
        {
          HL_MODE: 'testnet',
          MM_MONITOR_PORT: '0',
          HL_PRIVATE_KEY: KEY,
          HL_API_URL: venue.url,
          HL_WS_URL: venue.wsUrl,
          JOURNAL_PATH: path.join(dir, journal),
          NOTIFY_INTERVAL_SECONDS: '60',
        },
        repositoryRoot,
      );
    const quiet = pino({ level: 'silent' });
    const first = await startBot(load('a.sqlite'), quiet, () => {});
    try {
      for (let waited = 0; waited < 15_000 && (await first.openOrdersOnVenue()) < 2; waited += 250)
        await new Promise((resolve) => setTimeout(resolve, 250));
      const restingBefore = (await info.openOrders({ user: ADDRESS })).map((order) => order.cloid).sort();
      expect(restingBefore.length).toBeGreaterThanOrEqual(2);
      const firstInstance = `0x${first.journal.instanceId.toString(16).padStart(8, '0')}`;
      // Every order on the venue carries the first bot's instance id in its cloid prefix.
      for (const cloid of restingBefore) expect(cloid?.slice(0, 10)).toBe(firstInstance);

      const attempt = startBot(load('b.sqlite'), quiet, () => {});
      await expect(attempt).rejects.toBeInstanceOf(OtherInstanceError);
      await expect(attempt).rejects.toThrow(new RegExp(`bot instance ${firstInstance} has \\d+ open order`));
      // The second bot sent nothing: the first one's orders are all still there.
      const restingAfter = (await info.openOrders({ user: ADDRESS })).map((order) => order.cloid);
      for (const cloid of restingBefore) expect(restingAfter).toContain(cloid);
      // Its journal was released: it opens again (and keeps its own, different, instance id).
      const second = new Journal(path.join(dir, 'b.sqlite'));
      expect(second.instanceId).not.toBe(first.journal.instanceId);
      second.close();
    } finally {
      await first.stop('test over');
      await venue.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
