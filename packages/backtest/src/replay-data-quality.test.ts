import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCapture } from '@mm/feeds';
import { BasicStrategy } from '@mm/strategies';
import { capturePath } from '../test/captures.js';
import { runBacktest } from './run-backtest.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-quality-'));
let alone = '';
let joined = '';
beforeAll(async () => {
  alone = path.join(work, '0719.arrow');
  joined = path.join(work, '0718-0719.arrow');
  await convertCapture({ inputs: [capturePath('binance-usdm/btcusdt_20240719.gz')], output: alone });
  await convertCapture({
    inputs: [capturePath('binance-usdm/btcusdt_20240718.gz'), capturePath('binance-usdm/btcusdt_20240719.gz')],
    output: joined,
  });
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const strategy = () => new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } });

describe('data quality before trading on it', () => {
  it('07-19 alone has no REST snapshot: the strategy is never given its diffs-only book, and the replay says why', async () => {
    // Rebuilt from diffs only, this book sits about $100 below the real one: quoting on it would
    // fill against a market that is not there.
    const result = await runBacktest({ eventLogs: [alone], strategy: strategy() });
    expect(result.summary.ordersSent).toBe(0);
    expect(result.summary.fills).toBe(0);
    expect(Number.isNaN(result.bookKnownFromUs)).toBe(true);
    const kinds = result.dataQuality.map((event) => event.kind);
    expect(kinds).toContain('book-without-snapshot');
    expect(kinds).toContain('no-complete-book');
    const withheld = result.dataQuality.find((event) => event.kind === 'book-without-snapshot')!;
    expect(withheld.localTimeUs).toBeGreaterThanOrEqual(Date.UTC(2024, 6, 19) * 1000);
    expect(withheld.count).toBeGreaterThan(1_000);
  });

  it('07-18 joined in front gives the book a snapshot: the strategy trades from it on', async () => {
    const result = await runBacktest({ eventLogs: [joined], strategy: strategy() });
    expect(result.summary.ordersSent).toBeGreaterThan(0);
    // Known from 07-18's REST snapshot, before midnight; nothing after it is withheld.
    expect(result.bookKnownFromUs).toBeLessThan(Date.UTC(2024, 6, 19) * 1000);
    expect(result.dataQuality.map((event) => event.kind)).not.toContain('no-complete-book');
    const withheld = result.dataQuality.find((event) => event.kind === 'book-without-snapshot');
    if (withheld !== undefined) expect(withheld.localTimeUs).toBeLessThan(result.bookKnownFromUs);
  });
});
