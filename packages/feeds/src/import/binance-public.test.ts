import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINANCE_0808, capturePath } from '../../test/captures.js';
import { convertCapture } from '../event-log/convert-capture.js';
import { openEventLog } from '../event-log/event-log-file.js';
import { EXCHANGE_EVENT, EventKind, kindOf } from '../event-log/event-row.js';
import { binancePublicKind, importBinanceAggTrades, readBinanceKlines } from './binance-public.js';
import { exportCaptureToBinancePublic, type BinancePublicExport } from './capture-to-binance-public.js';

const CAPTURE = capturePath(BINANCE_0808);
const work = mkdtempSync(path.join(tmpdir(), 'mm-binance-public-'));
let files: BinancePublicExport;
beforeAll(async () => {
  files = await exportCaptureToBinancePublic(CAPTURE, work);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Trades of an event log (exchange side): [buy, venue µs, price ticks, size lots]. */
async function tradesOf(file: string): Promise<Array<[boolean, number, number, number]>> {
  const reader = await openEventLog(file);
  const trades: Array<[boolean, number, number, number]> = [];
  for await (const batch of reader.batches()) {
    for (let row = 0; row < batch.length; row += 1) {
      const kind = kindOf(batch.flags[row]!);
      if ((batch.flags[row]! & EXCHANGE_EVENT) === 0 || (kind !== EventKind.TradeBuy && kind !== EventKind.TradeSell)) continue;
      trades.push([kind === EventKind.TradeBuy, batch.exchTimeUs[row]!, batch.priceTicks[row]!, batch.sizeLots[row]!]);
    }
  }
  return trades;
}

describe('Binance public data (the 08-08 capture written out as aggTrades and klines)', () => {
  it("imports aggTrades, with or without header, to the raw capture's trades summed per taker order and price", async () => {
    const raw = await tradesOf(
      (await convertCapture({ inputs: [CAPTURE], output: path.join(work, 'raw.arrow') }), path.join(work, 'raw.arrow')),
    );
    // Known fact (convert tests): 21,313 trades in the capture.
    expect(raw.length).toBe(21_313);
    expect(files.rows.trades).toBe(21_313);
    for (const input of [files.aggTrades, files.aggTradesNoHeader]) {
      const output = path.join(work, `${path.basename(input)}.arrow`);
      const { metadata, rows } = await importBinanceAggTrades({ inputs: [input], output, symbol: 'BTCUSDT' });
      expect(rows).toBe(files.rows.aggTrades);
      expect(metadata.instrument).toMatchObject({ symbol: 'BTCUSDT', venue: 'binance-usdm', tickSize: '0.1', lotSize: '0.001' });
      const imported = await tradesOf(output);
      expect(imported.length).toBeLessThan(raw.length);
      // Same volume per aggressor side, and every aggregate is a run of raw trades at its time, price and side.
      for (const buy of [true, false]) {
        const volume = (trades: typeof raw) => trades.filter((trade) => trade[0] === buy).reduce((sum, trade) => sum + trade[3], 0);
        expect(volume(imported)).toBe(volume(raw));
      }
      const rawKeys = new Set(raw.map(([buy, time, price]) => `${buy} ${time} ${price}`));
      expect(imported.every(([buy, time, price]) => rawKeys.has(`${buy} ${time} ${price}`))).toBe(true);
      expect(imported[0]).toEqual([raw[0]![0], raw[0]![1], raw[0]![2], imported[0]![3]]);
    }
  }, 120_000);

  it('reads klines into a bar series whose volumes and counts are the trades', async () => {
    const bars = await readBinanceKlines([files.klines1m], { interval: '1m' });
    expect(bars.length).toBe(files.rows.klines);
    expect(bars.tradeCount.reduce((a, b) => a + b, 0)).toBe(21_313);
    for (let bar = 0; bar < bars.length; bar += 1) {
      expect(bars.high[bar]!).toBeGreaterThanOrEqual(Math.max(bars.open[bar]!, bars.close[bar]!));
      expect(bars.low[bar]!).toBeLessThanOrEqual(Math.min(bars.open[bar]!, bars.close[bar]!));
      expect(bars.closeTimeUs[bar]! - bars.openTimeUs[bar]!).toBe(59_999_000);
      expect(bars.takerBuyVolume[bar]!).toBeLessThanOrEqual(bars.volume[bar]!);
    }
    // 08-08's minutes: the capture spans ~345 s from 1723161253 s, so 6 or 7 minute bars.
    expect(bars.length).toBeGreaterThanOrEqual(6);
    expect(bars.length).toBeLessThanOrEqual(7);
  });

  it('tells the kind from the first line and names a bad row', async () => {
    expect(binancePublicKind('agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker')).toBe('aggTrades');
    expect(binancePublicKind('26129,0.01633102,4.70443515,27781,27781,1498793709153,true')).toBe('aggTrades');
    expect(binancePublicKind('1723161240000,61490.0,61500.0,61400.0,61450.0,1.5,1723161299999,92000.5,12,0.7,43000.1,0')).toBe('klines');
    expect(binancePublicKind('date;open')).toBeUndefined();
    const bad = path.join(work, 'bad.csv');
    writeFileSync(bad, '1,61659.75,0.001,1,1,1723161253000,true\n');
    await expect(importBinanceAggTrades({ inputs: [bad], output: path.join(work, 'x.arrow'), symbol: 'BTCUSDT' })).rejects.toThrow(
      /bad.csv line 1: .*0\.1 tick/,
    );
  });
});
