import { spawn } from 'node:child_process';
import path from 'node:path';
import { HttpTransport, InfoClient } from '@nktkas/hyperliquid';
import { startHyperliquidVenue } from '@mm/venue-hl';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';

const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
const KEY = '0x7e57000000000000000000000000000000000000000000000000000000000d35' as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the venue's dead man's switch", () => {
  it('cancels the quotes of a process killed while holding them', async () => {
    const account = privateKeyToAccount(KEY).address.toLowerCase() as `0x${string}`;
    // An account with the $1M volume the real venue requires for scheduleCancel.
    const venue = await startHyperliquidVenue({
      dataPath: CAPTURE,
      isTestnet: true,
      accounts: [{ address: account, tradedVolumeUsd: 2_000_000 }],
    });
    const info = new InfoClient({ transport: new HttpTransport({ apiUrl: venue.url, isTestnet: true }) });
    try {
      await sleep(300);
      const book = venue.core.exchange.book('BTC');
      const btcStep = 10;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'hold-quotes.ts'), venue.url, venue.wsUrl],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOLD_QUOTES_KEY: KEY,
            HOLD_QUOTES_BID: String(book.bestBidTicks()! - 20 * btcStep),
            HOLD_QUOTES_ASK: String(book.bestAskTicks()! + 20 * btcStep),
          },
          cwd: path.resolve(import.meta.dirname, '..'),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += String(chunk)));
      child.stderr.on('data', (chunk) => (output += String(chunk)));
      for (let waited = 0; waited < 20_000 && !output.includes('ready'); waited += 100) await sleep(100);
      expect(output, output).toContain('notification dead-man-switch-armed');
      expect(output).toContain('ready');
      expect(await info.openOrders({ user: account })).toHaveLength(2);

      const killedAt = Date.now();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      // The venue does not cancel on disconnect: the quotes outlive the process...
      await sleep(1_000);
      expect(await info.openOrders({ user: account })).toHaveLength(2);
      // ...until the switch, renewed every second for 6 s ahead, expires.
      let canceledAfterMs = -1;
      for (let waited = 0; waited < 10_000; waited += 100) {
        if ((await info.openOrders({ user: account })).length === 0) {
          canceledAfterMs = Date.now() - killedAt;
          break;
        }
        await sleep(100);
      }
      expect(canceledAfterMs).toBeGreaterThan(0);
      expect(canceledAfterMs).toBeLessThanOrEqual(8_000);
    } finally {
      await venue.close();
    }
  }, 60_000);
});
