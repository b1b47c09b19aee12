import { describe, expect, it } from 'vitest';
import type { Level } from '@mm/core';
import { BINANCE_0808, capturePath } from '../test/captures.js';
import { BinanceUsdmParser } from './binance-usdm-parser.js';
import { BINANCE_USDM_BTCUSDT } from './capture-instruments.js';
import { forEachCaptureLine } from './capture-line-reader.js';
import { FeedParseError } from './feed-parse-error.js';

const instrument = BINANCE_USDM_BTCUSDT;

// Real lines of binance-usdm/btcusdt_20240808.gz (depth diff shortened to its first levels).
const DEPTH =
  '{"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1723161256299,"T":1723161256298,"s":"BTCUSDT","U":5123107832006,"u":5123107837557,"pu":5123107831937,"b":[["58710.20","0.014"],["61496.50","0.010"],["61510.90","0.000"]],"a":[["61800.30","3.330"],["61804.60","0.057"]]}}';
const TICKER =
  '{"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":5123107839020,"s":"BTCUSDT","b":"61800.20","B":"2.507","a":"61800.30","A":"2.510","T":1723161256313,"E":1723161256313}}';
const TRADE =
  '{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":5266583935,"p":"61800.30","q":"0.006","X":"MARKET","m":false}}';
const SNAPSHOT =
  '{"lastUpdateId":5123107852948,"E":1723161256501,"T":1723161256493,"bids":[["61800.20","2.909"],["61800.10","0.696"]],"asks":[["61800.30","1.000"]]}';

describe('BinanceUsdmParser on captured frames', () => {
  it('parses a depthUpdate with its ids, both timestamps and exact levels', () => {
    const parser = new BinanceUsdmParser(instrument);
    expect(parser.parse(DEPTH, 42)).toBe('depth-update');
    expect(parser.depth.toEvent()).toEqual({
      type: 'book-delta',
      symbol: 'BTCUSDT',
      venueTimeUs: 1_723_161_256_298_000, // T, the transaction time (E is 1 ms later)
      localTimeUs: 42,
      firstUpdateId: 5_123_107_832_006,
      finalUpdateId: 5_123_107_837_557,
      prevFinalUpdateId: 5_123_107_831_937,
      bids: [
        { priceTicks: 587_102, sizeLots: 14 },
        { priceTicks: 614_965, sizeLots: 10 },
        { priceTicks: 615_109, sizeLots: 0 },
      ],
      asks: [
        { priceTicks: 618_003, sizeLots: 3_330 },
        { priceTicks: 618_046, sizeLots: 57 },
      ],
    });
  });

  it('parses the REST snapshot line', () => {
    const parser = new BinanceUsdmParser(instrument);
    expect(parser.parse(SNAPSHOT, 7)).toBe('depth-snapshot');
    const event = parser.depth.toEvent();
    expect(event).toMatchObject({ type: 'book-snapshot', lastUpdateId: 5_123_107_852_948, venueTimeUs: 1_723_161_256_493_000 });
    expect(event.bids).toEqual([
      { priceTicks: 618_002, sizeLots: 2_909 },
      { priceTicks: 618_001, sizeLots: 696 },
    ]);
  });

  it('takes the aggressor side from m (buyer is maker → the seller took)', () => {
    const parser = new BinanceUsdmParser(instrument);
    expect(parser.parse(TRADE, 1)).toBe('trade');
    expect(parser.trade.toEvent()).toEqual({
      type: 'trade',
      symbol: 'BTCUSDT',
      aggressorSide: 'buy',
      priceTicks: 618_003,
      sizeLots: 6,
      venueTimeUs: 1_723_161_256_322_000,
      localTimeUs: 1,
      tradeId: 5_266_583_935,
    });
    expect(parser.parse(TRADE.replace('"m":false', '"m":true'), 1)).toBe('trade');
    expect(parser.trade.aggressorSide).toBe('sell');
  });

  it('parses bookTicker', () => {
    const parser = new BinanceUsdmParser(instrument);
    expect(parser.parse(TICKER, 5)).toBe('book-ticker');
    expect(parser.bookTicker.toEvent()).toEqual({
      type: 'book-ticker',
      symbol: 'BTCUSDT',
      bidPriceTicks: 618_002,
      bidSizeLots: 2_507,
      askPriceTicks: 618_003,
      askSizeLots: 2_510,
      updateId: 5_123_107_839_020,
      venueTimeUs: 1_723_161_256_313_000,
      localTimeUs: 5,
    });
  });

  it('dates a message by T where it has one, by E where it does not', () => {
    const parser = new BinanceUsdmParser(instrument);
    parser.parse(DEPTH.replace('"T":1723161256298,', ''), 0);
    expect(parser.depth.venueTimeUs).toBe(1_723_161_256_299_000);
    parser.parse(DEPTH.replace('"E":1723161256299,', ''), 0);
    expect(parser.depth.venueTimeUs).toBe(1_723_161_256_298_000);
    parser.parse(SNAPSHOT.replace('"T":1723161256493,', ''), 0);
    expect(parser.depth.venueTimeUs).toBe(1_723_161_256_501_000);
  });

  it('accepts bare (non-combined) payloads, any key order and unknown fields', () => {
    const parser = new BinanceUsdmParser(instrument);
    const bare = '{"q":"0.006","m":true,"zz":{"nested":[1,2]},"p":"61800.30","s":"BTCUSDT","T":1,"E":1723161256322,"e":"trade","t":5}';
    expect(parser.parse(bare, 0)).toBe('trade');
    expect(parser.trade).toMatchObject({ priceTicks: 618_003, sizeLots: 6, aggressorSide: 'sell', tradeId: 5 });
  });

  it('ignores other event types and other symbols without reading their fields', () => {
    const parser = new BinanceUsdmParser(instrument);
    // markPriceUpdate's p has 8 decimals, off the tick grid: must not be parsed as a price.
    const markPrice = '{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"61800.12345678","r":"0.0001","T":2}';
    expect(parser.parse(markPrice, 0)).toBe('ignored');
    expect(parser.parse(TRADE.replace('"s":"BTCUSDT"', '"s":"ETHUSDT"'), 0)).toBe('ignored');
    const calls: string[] = [];
    expect(parser.emit(markPrice, 0, { trade: () => calls.push('trade') })).toBe(0);
    expect(parser.emit(TRADE, 0, { trade: () => calls.push('trade') })).toBe(1);
    expect(calls).toEqual(['trade']);
  });

  it('rejects off-grid values, missing fields and malformed frames with a FeedParseError', () => {
    const parser = new BinanceUsdmParser(instrument);
    expect(() => parser.parse(TRADE.replace('"61800.30"', '"61800.35"'), 0)).toThrow(/not a multiple of 0.1/);
    expect(() => parser.parse(TRADE.replace('"0.006"', '"0.0065"'), 0)).toThrow(/not a multiple of 0.001/);
    expect(() => parser.parse(TRADE.replace(',"m":false', ''), 0)).toThrow(/missing field 'm'/);
    expect(() => parser.parse(DEPTH.replace('"pu":5123107831937,', ''), 0)).toThrow(/missing field 'pu'/);
    expect(() => parser.parse(DEPTH.replace('"58710.20"', '"NaN"'), 0)).toThrow(FeedParseError);
    expect(() => parser.parse(DEPTH.replace('"0.014"', '"-0.014"'), 0)).toThrow(FeedParseError);
    expect(() => parser.parse(DEPTH.replace('"E":1723161256299,', '').replace('"T":1723161256298,', ''), 0)).toThrow(
      /transaction time T \(or event time E\)/,
    );
    expect(() => parser.parse(DEPTH.slice(0, -3), 0)).toThrow(FeedParseError);
    expect(() => parser.parse(`${TRADE} x`, 0)).toThrow(/trailing text/);
    expect(() => parser.parse('', 0)).toThrow(/expected an object/);
  });
});

/** Reference parse of one frame: JSON.parse plus the Instrument's exact BigInt conversion. */
function referenceParse(payload: string): {
  kind: string;
  levels?: { bids: Level[]; asks: Level[] };
  ids?: number[];
  trade?: unknown;
  ticker?: unknown;
} {
  const message = JSON.parse(payload) as Record<string, unknown>;
  const data = (message.data ?? message) as Record<string, unknown>;
  const toLevels = (raw: unknown) =>
    (raw as [string, string][]).map(([price, size]) => ({
      priceTicks: instrument.parsePriceTicks(price),
      sizeLots: instrument.parseSizeLots(size),
    }));
  if ('lastUpdateId' in data) {
    return { kind: 'depth-snapshot', levels: { bids: toLevels(data.bids), asks: toLevels(data.asks) }, ids: [data.lastUpdateId as number] };
  }
  switch (data.e) {
    case 'depthUpdate':
      return {
        kind: 'depth-update',
        levels: { bids: toLevels(data.b), asks: toLevels(data.a) },
        ids: [data.U as number, data.u as number, data.pu as number, ((data.T ?? data.E) as number) * 1000],
      };
    case 'trade':
      return {
        kind: 'trade',
        trade: [
          instrument.parsePriceTicks(data.p as string),
          instrument.parseSizeLots(data.q as string),
          data.m ? 'sell' : 'buy',
          ((data.T ?? data.E) as number) * 1000,
        ],
      };
    case 'bookTicker':
      return {
        kind: 'book-ticker',
        ticker: [
          instrument.parsePriceTicks(data.b as string),
          instrument.parseSizeLots(data.B as string),
          instrument.parsePriceTicks(data.a as string),
          instrument.parseSizeLots(data.A as string),
          data.u,
        ],
      };
    default:
      return { kind: 'ignored' };
  }
}

describe('BinanceUsdmParser against a JSON.parse reference on every captured line', () => {
  it('agrees on every frame of btcusdt_20240808.gz', async () => {
    const parser = new BinanceUsdmParser(instrument);
    const kinds: Record<string, number> = {};
    let mismatches = 0;
    await forEachCaptureLine(capturePath(BINANCE_0808), (payload, localTimeUs) => {
      const kind = parser.parse(payload, localTimeUs);
      const expected = referenceParse(payload);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      let actual: unknown;
      if (kind === 'depth-snapshot') {
        actual = {
          kind,
          levels: { bids: parser.depth.bids.toLevels(), asks: parser.depth.asks.toLevels() },
          ids: [parser.depth.finalUpdateId],
        };
      } else if (kind === 'depth-update') {
        const d = parser.depth;
        actual = {
          kind,
          levels: { bids: d.bids.toLevels(), asks: d.asks.toLevels() },
          ids: [d.firstUpdateId, d.finalUpdateId, d.prevFinalUpdateId, d.venueTimeUs],
        };
      } else if (kind === 'trade') {
        const t = parser.trade;
        actual = { kind, trade: [t.priceTicks, t.sizeLots, t.aggressorSide, t.venueTimeUs] };
      } else if (kind === 'book-ticker') {
        const t = parser.bookTicker;
        actual = { kind, ticker: [t.bidPriceTicks, t.bidSizeLots, t.askPriceTicks, t.askSizeLots, t.updateId] };
      } else actual = { kind };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches += 1;
        expect(actual).toEqual(expected); // first mismatch: show it
      }
    });
    expect(mismatches).toBe(0);
    expect(kinds).toEqual({ 'depth-snapshot': 1, 'depth-update': 6_551, trade: 21_313, 'book-ticker': 66_089 });
  });
});
