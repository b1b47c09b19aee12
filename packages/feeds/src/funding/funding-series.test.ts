import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFundingSeries } from './funding-series.js';

const FUNDING = path.resolve(import.meta.dirname, '../../../../../shared/data/funding');
const work = mkdtempSync(path.join(tmpdir(), 'mm-funding-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readFundingSeries on the shared funding files', () => {
  it('Binance: 8-hourly, its UTC+3 times moved to the 00/08/16 UTC settlements', async () => {
    const series = await readFundingSeries(path.join(FUNDING, 'btcusdt_binance_funding.csv.gz'));
    // The file's first rows: `BTC-USDT,2020-01-01 03:00:00.000,-0.00012359`, `... 11:00:00.000,-0.00012383`.
    expect(series.symbol).toBe('BTC-USDT');
    expect(series.utcOffsetHours).toBe(3);
    expect(series.intervalUs).toBe(8 * 3_600_000_000);
    expect(series.timesUs[0]).toBe(Date.UTC(2020, 0, 1, 0) * 1000);
    expect(series.rates[0]).toBe(-0.00012359);
    expect(series.timesUs[1]).toBe(Date.UTC(2020, 0, 1, 8) * 1000);
    // `BTC-USDT,2020-01-02 03:00:00.002,0.00003662`: a few ms of jitter, rounded to the settlement.
    expect(series.timesUs[3]).toBe(Date.UTC(2020, 0, 2, 0) * 1000);
    expect(series.rates[3]).toBe(0.00003662);
    expect(series.timesUs.length).toBe(4_383);
  });

  it('dYdX: hourly on the hour, UTC', async () => {
    const series = await readFundingSeries(path.join(FUNDING, 'btcusdt_dydx_funding.csv.gz'));
    // `BTC-USDT,2022-01-01 00:00:00,0.0000058615`, `BTC-USDT,2022-01-01 01:00:00,0.0000401085`.
    expect(series.utcOffsetHours).toBe(0);
    expect(series.intervalUs).toBe(3_600_000_000);
    expect(series.timesUs[1]).toBe(Date.UTC(2022, 0, 1, 1) * 1000);
    expect(series.rates[1]).toBe(0.0000401085);
    expect(series.timesUs.length).toBe(17_520);
  });

  it('a file that is not a funding series is refused with what was seen', async () => {
    const file = path.join(work, 'bad.csv');
    writeFileSync(file, 'time,rate\n1,2\n');
    await expect(readFundingSeries(file)).rejects.toThrow(/expected the header 'Symbol,Date,Funding Rate', saw 'time,rate'/);
    writeFileSync(file, 'Symbol,Date,Funding Rate\nBTC,2020-01-01 00:00:00,0.1\nBTC,yesterday,0.1\n');
    await expect(readFundingSeries(file)).rejects.toThrow(/line 3: expected 'Symbol,YYYY-MM-DD HH:MM:SS,rate', saw 'BTC,yesterday,0.1'/);
  });
});
