import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCapture, readFundingSeries, type FundingSeries } from '@mm/feeds';
import { BasicStrategy } from '@mm/strategies';
import { CAPTURE_DIR, capturePath } from '../test/captures.js';
import { runBacktest } from './run-backtest.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-funding-'));
const seriesFile = path.join(CAPTURE_DIR, 'funding', 'btcusdt_binance_funding.csv.gz');
let eventLog = '';
let series: FundingSeries;
beforeAll(async () => {
  eventLog = path.join(work, 'btcusdt-0718-0719.arrow');
  await convertCapture({
    inputs: [capturePath('binance-usdm/btcusdt_20240718.gz'), capturePath('binance-usdm/btcusdt_20240719.gz')],
    output: eventLog,
  });
  series = await readFundingSeries(seriesFile);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The rate of one row of the CSV, read as text (not through the code under test). */
function csvRate(date: string): number {
  const row = gunzipSync(readFileSync(seriesFile))
    .toString('utf8')
    .split('\n')
    .find((line) => line.includes(`,${date}`));
  if (row === undefined) throw new Error(`no row ${date}`);
  return Number(row.split(',')[2]);
}

describe('a replay with a real funding series', () => {
  it('funding PnL equals −position × mark × rate summed by hand over the settlements', async () => {
    // The series (2020–2023) does not overlap the capture (2024-07-18 23:57 – 07-19 00:05 UTC):
    // its 2023-07-18 stands in for the data's first day. A settlement every minute (the 8-hour rate
    // divided by 480) so the eight minutes of data hold settlements on a non-zero position.
    const result = await runBacktest({
      eventLogs: [eventLog],
      strategy: new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } }),
      funding: { series, alignDay: '2023-07-18', intervalHours: 1 / 60 },
    });
    const report = result.funding!;
    expect(report.series).toBe('btcusdt_binance_funding.csv.gz (BTC-USDT)');
    expect(report.shiftUs).toBe((Date.UTC(2024, 6, 18) - Date.UTC(2023, 6, 18)) * 1000);
    expect(report.settlements.length).toBeGreaterThan(0);
    // After 2024-07-19 00:00 the rate in force is the 2023-07-19 00:00 UTC settlement, which the
    // file (UTC+3) writes as `2023-07-19 03:00:00.000,0.00010000`; before it, `2023-07-18 19:00`.
    const afterMidnight = csvRate('2023-07-19 03:00:00.000') / 480;
    const beforeMidnight = csvRate('2023-07-18 19:00:00.000') / 480;
    const midnightUs = Date.UTC(2024, 6, 19) * 1000;
    let hand = 0;
    for (const settlement of report.settlements) {
      // The position from the fills the strategy was told of before the settlement.
      let positionBase = 0;
      for (const fill of result.recorder.fills)
        if (fill.timeUs <= settlement.timeUs) positionBase += fill.side === 'buy' ? fill.size : -fill.size;
      expect(settlement.positionBase).toBeCloseTo(positionBase, 9);
      // The mark is the mid at the settlement: within a tick or two of the mid the strategy saw.
      const sample = result.recorder.series.timeUs.indexOf(settlement.timeUs);
      expect(Math.abs(settlement.markPrice - result.recorder.series.mid[sample]!)).toBeLessThan(5);
      const rate = settlement.timeUs >= midnightUs ? afterMidnight : beforeMidnight;
      hand += -positionBase * settlement.markPrice * rate;
    }
    expect(result.summary.fundingQuote).toBeCloseTo(hand, 12);
    expect(result.summary.fundingQuote).not.toBe(0);
    // Funding is part of net PnL.
    expect(
      result.summary.spreadCaptureQuote + result.summary.inventoryPnlQuote + result.summary.feePnlQuote + result.summary.fundingQuote,
    ).toBeCloseTo(result.summary.netPnlQuote, 9);
  });

  it('a series that does not cover the data is refused with what to do', async () => {
    await expect(
      runBacktest({ eventLogs: [eventLog], strategy: new BasicStrategy({ symbol: 'BTCUSDT' }), funding: { series } }),
    ).rejects.toThrow(/covers 2020-01-01T00:00:00.000Z to 2024-01-01T00:00:00.000Z, not the data's 2024-07-18T23:5.*give funding.alignDay/);
  });
});
