import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertCapture, exportCaptureToTardis, importTardis } from '@mm/feeds';
import { BasicStrategy } from '@mm/strategies';
import { capturePath } from '../test/captures.js';
import { runBacktest } from './run-backtest.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-tardis-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the same market from a raw capture and from its Tardis-format copy', () => {
  it('08-08: a replay of both gives the same fills and PnL', async () => {
    const capture = capturePath('binance-usdm/btcusdt_20240808.gz');
    const tardis = await exportCaptureToTardis(capture, work);
    const fromTardis = path.join(work, 'tardis.arrow');
    await importTardis({ inputs: [tardis.incrementalBookL2, tardis.trades], output: fromTardis });
    // Tardis resets the book at a snapshot: compare with the raw capture under the same rule.
    const fromRaw = path.join(work, 'raw.arrow');
    await convertCapture({ inputs: [capture], output: fromRaw, snapshotScope: 'full' });
    const replay = (log: string) =>
      runBacktest({ eventLogs: [log], strategy: new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } }) });
    const raw = await replay(fromRaw);
    const imported = await replay(fromTardis);
    expect(raw.summary.fills).toBeGreaterThan(10);
    expect(imported.recorder.fills).toEqual(raw.recorder.fills);
    expect(imported.summary.netPnlQuote).toBe(raw.summary.netPnlQuote);
    expect(imported.summary.ordersSent).toBe(raw.summary.ordersSent);
  }, 180_000);
});
