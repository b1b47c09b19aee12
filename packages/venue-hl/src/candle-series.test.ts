import { Instrument } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { candleBounds, CandleSeries } from './candle-series.js';

const btc = Instrument.hyperliquidPerp('BTC', 5);
const T0 = Date.UTC(2026, 0, 2, 12, 0, 0);
const px = (price: number) => btc.parsePriceTicks(String(price));
const lots = (size: number) => btc.parseSizeLots(String(size));

describe('CandleSeries', () => {
  const series = new CandleSeries(btc);
  // Minute 0: 100000 → 100010 → 99990 → 100005; minute 1: nothing; minute 2: 100020.
  series.addTrade(T0 + 1_000, px(100000), lots(0.1));
  series.addTrade(T0 + 20_000, px(100010), lots(0.2));
  series.addTrade(T0 + 40_000, px(99990), lots(0.3));
  series.addTrade(T0 + 59_999, px(100005), lots(0.4));
  series.addTrade(T0 + 120_000, px(100020), lots(0.5));

  it('builds one-minute candles: open, high, low, close, base volume and trade count', () => {
    expect(series.snapshot('1m', T0, T0 + 180_000)).toEqual([
      { t: T0, T: T0 + 59_999, s: 'BTC', i: '1m', o: '100000.0', h: '100010.0', l: '99990.0', c: '100005.0', v: '1.0', n: 4 },
      { t: T0 + 120_000, T: T0 + 179_999, s: 'BTC', i: '1m', o: '100020.0', h: '100020.0', l: '100020.0', c: '100020.0', v: '0.5', n: 1 },
    ]);
  });

  it('merges minutes into longer intervals and filters by the requested window', () => {
    expect(series.snapshot('5m', T0, T0 + 300_000)).toEqual([
      { t: T0, T: T0 + 299_999, s: 'BTC', i: '5m', o: '100000.0', h: '100020.0', l: '99990.0', c: '100020.0', v: '1.5', n: 5 },
    ]);
    expect(series.snapshot('1m', T0 + 60_000, T0 + 180_000).map((candle) => candle.t)).toEqual([T0 + 120_000]);
    expect(series.latest('1h')).toMatchObject({ t: T0, n: 5, c: '100020.0' });
  });

  it('reports the tape since a time: the price before it and the volume after it', () => {
    const since = series.since(T0 + 61_000);
    expect(since).toMatchObject({ priceBefore: px(100005), lots: lots(0.5), firstPrice: px(100020) });
    expect(since.notional).toBeCloseTo(50_010, 6);
  });

  it('aligns months to the calendar (UTC) and weeks to the epoch like other fixed intervals', () => {
    expect(candleBounds('1M', Date.UTC(2026, 1, 15))).toEqual({ t: Date.UTC(2026, 1, 1), T: Date.UTC(2026, 2, 1) - 1 });
    expect(candleBounds('1h', T0 + 3_599_999)).toEqual({ t: T0, T: T0 + 3_599_999 });
  });
});
