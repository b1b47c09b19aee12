import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCaptureToTardis } from '../import/capture-to-tardis.js';
import { convertCapture } from './convert-capture.js';
import { EventBuffer } from './event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT } from './event-row.js';
import { readEventLogBatches } from './read-event-log-batches.js';
import { topOfBookRows, TopOfBookReducer } from './top-of-book.js';
import type { EventLogMetadata } from './event-log-file.js';

const DATA = path.resolve(import.meta.dirname, '../../../../../shared/data');
const CAPTURE = path.join(DATA, 'binance-usdm/btcusdt_20240808.gz');
const work = mkdtempSync(path.join(tmpdir(), 'mm-top-of-book-'));
let full: EventBuffer;
let metadata: EventLogMetadata;
let quotesCsv: string;
beforeAll(async () => {
  // Tardis resets the book at a snapshot: the full log converted under the same rule.
  const output = path.join(work, 'full.arrow');
  metadata = (await convertCapture({ inputs: [CAPTURE], output, snapshotScope: 'full' })).metadata;
  full = new EventBuffer();
  for (const batch of readEventLogBatches(output)) {
    for (let row = 0; row < batch.length; row += 1)
      full.push(batch.flags[row]!, batch.exchTimeUs[row]!, batch.localTimeUs[row]!, batch.priceTicks[row]!, batch.sizeLots[row]!);
  }
  quotesCsv = gunzipSync(readFileSync((await exportCaptureToTardis(CAPTURE, work)).quotes)).toString('utf8');
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A plain map book per side (independent of @mm/book), the state a timeline's rows build. */
class MapBook {
  bids = new Map<number, number>();
  asks = new Map<number, number>();
  private bestBid: number | undefined;
  private bestAsk: number | undefined;
  apply(kind: number, price: number, size: number): void {
    if (kind === EventKind.BidLevel || kind === EventKind.AskLevel) {
      const isBid = kind === EventKind.BidLevel;
      const side = isBid ? this.bids : this.asks;
      if (size === 0) side.delete(price);
      else side.set(price, size);
      const best = isBid ? this.bestBid : this.bestAsk;
      if (size === 0 && price === best) this.recompute(isBid);
      else if (size > 0 && (best === undefined || (isBid ? price > best : price < best))) {
        if (isBid) this.bestBid = price;
        else this.bestAsk = price;
      }
    } else if (kind === EventKind.ClearBids || kind === EventKind.ClearAsks) {
      const isBid = kind === EventKind.ClearBids;
      const side = isBid ? this.bids : this.asks;
      for (const level of [...side.keys()]) if (Number.isNaN(price) || (isBid ? level >= price : level <= price)) side.delete(level);
      this.recompute(isBid);
    }
  }
  private recompute(isBid: boolean): void {
    const side = isBid ? this.bids : this.asks;
    const best = side.size === 0 ? undefined : isBid ? Math.max(...side.keys()) : Math.min(...side.keys());
    if (isBid) this.bestBid = best;
    else this.bestAsk = best;
  }
  top(): string {
    const bid = this.bestBid;
    const ask = this.bestAsk;
    return `${bid}x${bid === undefined ? '' : this.bids.get(bid)} ${ask}x${ask === undefined ? '' : this.asks.get(ask)}`;
  }
}

/**
 * The best bid/offer a timeline's rows show before each trade and at the end of each time (the
 * moments a replay acts on), consecutive repeats dropped, from the first snapshot on.
 */
function topSequence(rows: EventBuffer, delivery: number): string[] {
  const book = new MapBook();
  const sequence: string[] = [];
  let known = false;
  let time = Number.NaN;
  let lastTop = '';
  const note = () => {
    if (!known) return;
    const top = book.top();
    if (top !== lastTop) sequence.push(`${time} ${top}`);
    lastTop = top;
  };
  for (let row = 0; row < rows.length; row += 1) {
    const flags = rows.flags[row]!;
    if ((flags & delivery) === 0) continue;
    const kind = flags >> 2;
    const at = delivery === EXCHANGE_EVENT ? rows.exchTimeUs[row]! : rows.localTimeUs[row]!;
    if (at !== time) note();
    time = at;
    // Every trade, with the top it met (not merged with repeats).
    if (kind === EventKind.TradeBuy || kind === EventKind.TradeSell) {
      note();
      if (known) sequence.push(`trade ${at} ${rows.priceTicks[row]} met ${book.top()}`);
    }
    if (kind === EventKind.ClearBids || kind === EventKind.ClearAsks) known = true;
    book.apply(kind, rows.priceTicks[row]!, rows.sizeLots[row]!);
  }
  note();
  return sequence;
}

describe('top of book reduced from full depth (the 08-08 capture)', () => {
  it("shows the strategy the best bid/offer that Tardis 'quotes' written from the raw capture show, at the same receive times", () => {
    const top = topOfBookRows(full);
    // The export's quotes come from the capture's own book rebuild, not from the event log.
    const lines = quotesCsv.trim().split('\n').slice(1);
    const byTime = new Map<number, string>();
    for (const line of lines) {
      const [, , , local, askAmount, askPrice, bidPrice, bidAmount] = line.split(',');
      const lots = (text: string) => Math.round(Number(text) * 1000);
      const ticks = (text: string) => Math.round(Number(text) * 10);
      byTime.set(
        Number(local) + metadata.localClockShiftUs,
        `${ticks(bidPrice!)}x${lots(bidAmount!)} ${ticks(askPrice!)}x${lots(askAmount!)}`,
      );
    }
    const fromQuotes: string[] = [];
    for (const [time, quote] of byTime) {
      const last = fromQuotes[fromQuotes.length - 1];
      if (last === undefined || !last.endsWith(` ${quote}`)) fromQuotes.push(`${time} ${quote}`);
    }
    expect(fromQuotes.length).toBeGreaterThan(5_000);
    const seen = topSequence(top, LOCAL_EVENT).filter((entry) => !entry.startsWith('trade'));
    expect(seen).toEqual(fromQuotes);
  });

  it('replays the full-depth best bid/offer sequence on both clocks, before every trade too, and nothing deeper', () => {
    const top = topOfBookRows(full);
    for (const delivery of [EXCHANGE_EVENT, LOCAL_EVENT]) {
      const expected = topSequence(full, delivery);
      expect(expected.length).toBeGreaterThan(5_000);
      expect(topSequence(top, delivery)).toEqual(expected);
    }
    // At most one level a side at every time of either timeline.
    for (const delivery of [EXCHANGE_EVENT, LOCAL_EVENT]) {
      const book = new MapBook();
      let known = false;
      let time = Number.NaN;
      let widest = 0;
      for (let row = 0; row < top.length; row += 1) {
        const flags = top.flags[row]!;
        if ((flags & delivery) === 0) continue;
        const at = delivery === EXCHANGE_EVENT ? top.exchTimeUs[row]! : top.localTimeUs[row]!;
        if (known && at !== time) widest = Math.max(widest, book.bids.size, book.asks.size);
        time = at;
        if (flags >> 2 === EventKind.ClearBids) known = true;
        book.apply(flags >> 2, top.priceTicks[row]!, top.sizeLots[row]!);
      }
      expect(widest).toBe(1);
    }
    // The trades are all there, on both clocks.
    const trades = (rows: EventBuffer) =>
      Array.from(rows.flags).filter(
        (flags, row) => row < rows.length && (flags >> 2 === EventKind.TradeBuy || flags >> 2 === EventKind.TradeSell),
      ).length;
    expect(trades(top)).toBe(trades(full));
    expect(top.length).toBeLessThan(full.length / 4);
  });

  it('streams: batches of any size give the same rows as the whole log at once', () => {
    const whole = topOfBookRows(full);
    const reducer = new TopOfBookReducer();
    const streamed = new EventBuffer();
    const take = (rows: EventBuffer) => {
      for (let row = 0; row < rows.length; row += 1)
        streamed.push(rows.flags[row]!, rows.exchTimeUs[row]!, rows.localTimeUs[row]!, rows.priceTicks[row]!, rows.sizeLots[row]!);
    };
    for (let start = 0; start < full.length; start += 65_537) {
      const end = Math.min(start + 65_537, full.length);
      take(
        reducer.push({
          length: end - start,
          flags: full.flags.subarray(start, end),
          exchTimeUs: full.exchTimeUs.subarray(start, end),
          localTimeUs: full.localTimeUs.subarray(start, end),
          priceTicks: full.priceTicks.subarray(start, end),
          sizeLots: full.sizeLots.subarray(start, end),
        }),
      );
    }
    take(reducer.end());
    expect(streamed.length).toBe(whole.length);
    expect(Array.from(streamed.localTimeUs.subarray(0, streamed.length))).toEqual(Array.from(whole.localTimeUs.subarray(0, whole.length)));
    expect(Array.from(streamed.flags.subarray(0, streamed.length))).toEqual(Array.from(whole.flags.subarray(0, whole.length)));
  });
});
