import type { Instrument } from '@mm/core';
import { formatLots, formatPx } from './wire-format.js';

/** The venue's candle intervals (`candleSnapshot`, WS `candle`). */
export const CANDLE_INTERVALS = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

const MINUTE_MS = 60_000;
const INTERVAL_MS: Record<Exclude<CandleInterval, '1M'>, number> = {
  '1m': MINUTE_MS,
  '3m': 3 * MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '2h': 120 * MINUTE_MS,
  '4h': 240 * MINUTE_MS,
  '8h': 480 * MINUTE_MS,
  '12h': 720 * MINUTE_MS,
  '1d': 1440 * MINUTE_MS,
  '3d': 3 * 1440 * MINUTE_MS,
  '1w': 7 * 1440 * MINUTE_MS,
};
/** The venue serves at most the 5000 most recent candles of an interval (official info endpoint docs). */
export const CANDLE_SNAPSHOT_LIMIT = 5000;
/** One-minute buckets kept (35 days): enough for every interval's recent history. */
const MINUTES_KEPT = 35 * 1440;

export interface WireCandle {
  t: number;
  T: number;
  s: string;
  i: CandleInterval;
  o: string;
  c: string;
  h: string;
  l: string;
  v: string;
  n: number;
}

interface Bucket {
  startMs: number;
  open: number;
  close: number;
  high: number;
  low: number;
  lots: number;
  notional: number;
  trades: number;
}

/** Start and end (inclusive) of the candle holding `timeMs`; months are calendar months (UTC). */
export function candleBounds(interval: CandleInterval, timeMs: number): { t: number; T: number } {
  if (interval === '1M') {
    const date = new Date(timeMs);
    const t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    return { t, T: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - 1 };
  }
  const size = INTERVAL_MS[interval];
  const t = Math.floor(timeMs / size) * size;
  return { t, T: t + size - 1 };
}

/**
 * Candles built from the replayed tape: one-minute buckets of trade prices and sizes, merged into
 * any longer interval on request. A minute with no trades has no candle, as on the venue.
 */
export class CandleSeries {
  private readonly minutes: Bucket[] = [];

  constructor(private readonly instrument: Instrument) {}

  addTrade(timeMs: number, priceTicks: number, lots: number): void {
    const startMs = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
    let last = this.minutes.at(-1);
    // A looped replay can step back in time by a few ms; such a trade joins the latest minute.
    if (last === undefined || startMs > last.startMs) {
      last = { startMs, open: priceTicks, close: priceTicks, high: priceTicks, low: priceTicks, lots: 0, notional: 0, trades: 0 };
      this.minutes.push(last);
      if (this.minutes.length > MINUTES_KEPT) this.minutes.splice(0, this.minutes.length - MINUTES_KEPT);
    }
    last.close = priceTicks;
    last.high = Math.max(last.high, priceTicks);
    last.low = Math.min(last.low, priceTicks);
    last.lots += lots;
    last.notional += this.instrument.notional(priceTicks, lots);
    last.trades += 1;
  }

  /** Candles overlapping [startMs, endMs], oldest first, at most the venue's 5000 most recent. */
  snapshot(interval: CandleInterval, startMs: number, endMs: number): WireCandle[] {
    const candles: WireCandle[] = [];
    let current: { bounds: { t: number; T: number }; bucket: Bucket } | undefined;
    const flush = () => {
      if (current !== undefined && current.bounds.T >= startMs && current.bounds.t <= endMs)
        candles.push(this.toWire(interval, current.bounds, current.bucket));
    };
    for (const minute of this.minutes) {
      if (minute.startMs > endMs) break;
      const bounds = candleBounds(interval, minute.startMs);
      if (current === undefined || current.bounds.t !== bounds.t) {
        flush();
        current = { bounds, bucket: { ...minute } };
        continue;
      }
      const bucket = current.bucket;
      bucket.close = minute.close;
      bucket.high = Math.max(bucket.high, minute.high);
      bucket.low = Math.min(bucket.low, minute.low);
      bucket.lots += minute.lots;
      bucket.notional += minute.notional;
      bucket.trades += minute.trades;
    }
    flush();
    return candles.slice(-CANDLE_SNAPSHOT_LIMIT);
  }

  /** The candle of `interval` holding the latest trade (what WS `candle` pushes). */
  latest(interval: CandleInterval): WireCandle | undefined {
    const last = this.minutes.at(-1);
    if (last === undefined) return undefined;
    const { t } = candleBounds(interval, last.startMs);
    return this.snapshot(interval, t, Number.MAX_SAFE_INTEGER).at(-1);
  }

  /** Last trade price (ticks) at or before `timeMs`, and traded lots/notional after it. */
  since(timeMs: number): { priceBefore: number | undefined; lots: number; notional: number; firstPrice: number | undefined } {
    let priceBefore: number | undefined;
    let firstPrice: number | undefined;
    let lots = 0;
    let notional = 0;
    for (const minute of this.minutes) {
      if (minute.startMs + MINUTE_MS <= timeMs) {
        priceBefore = minute.close;
        continue;
      }
      firstPrice ??= minute.open;
      lots += minute.lots;
      notional += minute.notional;
    }
    return { priceBefore, lots, notional, firstPrice };
  }

  /** The tape's notional per UTC day index (days since the epoch). */
  notionalByDay(): Map<number, number> {
    const days = new Map<number, number>();
    for (const minute of this.minutes) {
      const day = Math.floor(minute.startMs / 86_400_000);
      days.set(day, (days.get(day) ?? 0) + minute.notional);
    }
    return days;
  }

  private toWire(interval: CandleInterval, bounds: { t: number; T: number }, bucket: Bucket): WireCandle {
    const instrument = this.instrument;
    return {
      t: bounds.t,
      T: bounds.T,
      s: instrument.symbol,
      i: interval,
      o: formatPx(instrument, bucket.open),
      c: formatPx(instrument, bucket.close),
      h: formatPx(instrument, bucket.high),
      l: formatPx(instrument, bucket.low),
      v: formatLots(instrument, bucket.lots),
      n: bucket.trades,
    };
  }
}
