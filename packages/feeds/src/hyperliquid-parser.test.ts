import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_0126, capturePath } from '../test/captures.js';
import { HYPERLIQUID_BTC } from './capture-instruments.js';
import { forEachCaptureLine } from './capture-line-reader.js';
import { HyperliquidParser } from './hyperliquid-parser.js';

const instrument = HYPERLIQUID_BTC;
const BOOK =
  '{"channel":"l2Book","data":{"coin":"BTC","levels":[[{"n":5,"px":"105055.0","sz":"3.03622"},{"n":1,"px":"105054.0","sz":"0.1428"}],[{"n":13,"px":"105056.0","sz":"6.34472"}]],"time":1737918843542}}';
const TRADES =
  '{"channel":"trades","data":[{"coin":"BTC","hash":"0xde47","px":"105056.0","side":"B","sz":"0.00219","tid":121451470284048,"time":1737918794873,"users":["0xe9","0x68"]},{"coin":"BTC","hash":"0x53","px":"105055.0","side":"A","sz":"0.00035","tid":85392298469503,"time":1737918796079,"users":["0x6f","0x6b"]}]}';

describe('HyperliquidParser', () => {
  it('parses an l2Book frame as a snapshot on the BTC grid (tick 0.1, lot 0.00001)', () => {
    const parser = new HyperliquidParser(instrument);
    expect(parser.parse(BOOK, 9)).toBe('book-snapshot');
    expect(parser.book.toEvent()).toEqual({
      type: 'book-snapshot',
      symbol: 'BTC',
      venueTimeUs: 1_737_918_843_542_000,
      localTimeUs: 9,
      bids: [
        { priceTicks: 1_050_550, sizeLots: 303_622 },
        { priceTicks: 1_050_540, sizeLots: 14_280 },
      ],
      asks: [{ priceTicks: 1_050_560, sizeLots: 634_472 }],
    });
  });

  it('parses every trade of a trades frame; side is the aggressor ("B" bought, "A" sold)', () => {
    const parser = new HyperliquidParser(instrument);
    const trades: unknown[] = [];
    expect(parser.emit(TRADES, 3, { trade: (trade) => trades.push(trade.toEvent()) })).toBe(2);
    expect(trades).toEqual([
      {
        type: 'trade',
        symbol: 'BTC',
        aggressorSide: 'buy',
        priceTicks: 1_050_560,
        sizeLots: 219,
        venueTimeUs: 1_737_918_794_873_000,
        localTimeUs: 3,
        tradeId: 121_451_470_284_048,
      },
      {
        type: 'trade',
        symbol: 'BTC',
        aggressorSide: 'sell',
        priceTicks: 1_050_550,
        sizeLots: 35,
        venueTimeUs: 1_737_918_796_079_000,
        localTimeUs: 3,
        tradeId: 85_392_298_469_503,
      },
    ]);
    expect(parser.loadTrade(0)).toBe(parser.trade); // one scratch object, reused
  });

  it('reads data that comes before the channel key, and ignores other channels and coins', () => {
    const parser = new HyperliquidParser(instrument);
    const reordered = `{"data":${BOOK.slice(BOOK.indexOf('{"coin"'), -1)},"channel":"l2Book"}`;
    expect(parser.parse(reordered, 0)).toBe('book-snapshot');
    expect(parser.book.levelCount).toBe(3);
    expect(parser.parse('{"channel":"subscriptionResponse","data":{"method":"subscribe"}}', 0)).toBe('ignored');
    expect(parser.parse('{"channel":"pong"}', 0)).toBe('ignored');
    expect(parser.parse(BOOK.replace('"coin":"BTC"', '"coin":"ETH"'), 0)).toBe('ignored');
    expect(parser.parse(TRADES.replaceAll('"coin":"BTC"', '"coin":"ETH"'), 0)).toBe('ignored');
  });

  it('rejects bad sides, off-grid prices and incomplete levels', () => {
    const parser = new HyperliquidParser(instrument);
    expect(() => parser.parse(TRADES.replace('"side":"B"', '"side":"X"'), 0)).toThrow(/neither 'B' nor 'A'/);
    expect(() => parser.parse(BOOK.replace('"105055.0"', '"105055.05"'), 0)).toThrow(/not a multiple of 0.1/);
    expect(() => parser.parse(BOOK.replace(',"sz":"0.1428"', ''), 0)).toThrow(/without 'px' or 'sz'/);
    expect(() => parser.parse(BOOK.replace(',"time":1737918843542', ''), 0)).toThrow(/without 'time'/);
  });

  it('parses the whole captured file: 46 uncrossed 20-level snapshots and 64 trades, as JSON.parse reads them', async () => {
    const parser = new HyperliquidParser(instrument);
    let snapshots = 0;
    let trades = 0;
    let crossed = 0;
    const frameTrades: unknown[] = [];
    await forEachCaptureLine(capturePath(HYPERLIQUID_0126), (payload, localTimeUs) => {
      const message = JSON.parse(payload) as { channel: string; data: unknown };
      parser.emit(payload, localTimeUs, {
        bookUpdate: (update) => {
          snapshots += 1;
          const [bids, asks] = (message.data as { levels: Array<Array<{ px: string; sz: string }>> }).levels;
          const reference = (levels: Array<{ px: string; sz: string }>) =>
            levels.map((l) => ({ priceTicks: instrument.parsePriceTicks(l.px), sizeLots: instrument.parseSizeLots(l.sz) }));
          expect(update.bids.toLevels()).toEqual(reference(bids!));
          expect(update.asks.toLevels()).toEqual(reference(asks!));
          expect(update.bids.count).toBe(20);
          expect(update.asks.count).toBe(20);
          if (update.bids.priceTicks[0]! >= update.asks.priceTicks[0]!) crossed += 1;
        },
        trade: (trade) => {
          frameTrades.push([trade.priceTicks, trade.sizeLots, trade.aggressorSide, trade.venueTimeUs, trade.localTimeUs]);
        },
      });
      if (message.channel === 'trades') {
        const raw = message.data as Array<{ px: string; sz: string; side: string; time: number }>;
        expect(frameTrades).toEqual(
          raw.map((t) => [
            instrument.parsePriceTicks(t.px),
            instrument.parseSizeLots(t.sz),
            t.side === 'B' ? 'buy' : 'sell',
            t.time * 1000,
            localTimeUs,
          ]),
        );
        trades += frameTrades.length;
      }
      frameTrades.length = 0;
    });
    expect(snapshots).toBe(46);
    expect(trades).toBe(64);
    expect(crossed).toBe(0);
  });
});
