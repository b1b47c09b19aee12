import { Instrument, InvalidInputError, type Quote } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLadder, type LadderLevelTarget } from './build-ladder.js';
import { btcInstrument, plainInstrument } from './test-instruments.js';

const bids = (quotes: Quote[]) => quotes.filter((quote) => quote.side === 'buy');
const asks = (quotes: Quote[]) => quotes.filter((quote) => quote.side === 'sell');

describe('buildLadder', () => {
  it('rounds bids down and asks up, best first', () => {
    const quotes = buildLadder(plainInstrument, {
      bids: [
        { priceTicks: 99_990.6, sizeLots: 10 },
        { priceTicks: 99_980.6, sizeLots: 10 },
      ],
      asks: [
        { priceTicks: 100_010.4, sizeLots: 10 },
        { priceTicks: 100_020.4, sizeLots: 10 },
      ],
    });
    expect(quotes).toEqual([
      { side: 'buy', priceTicks: 99_990, sizeLots: 10, level: 0 },
      { side: 'buy', priceTicks: 99_980, sizeLots: 10, level: 1 },
      { side: 'sell', priceTicks: 100_011, sizeLots: 10, level: 0 },
      { side: 'sell', priceTicks: 100_021, sizeLots: 10, level: 1 },
    ]);
  });

  it('moves levels that collapse after rounding one grid step outward', () => {
    // BTC above $10k trades in whole dollars (10 ticks): asks $0.30 apart all round up to $100,001.
    const quotes = buildLadder(btcInstrument, {
      bids: [],
      asks: [
        { priceTicks: 1_000_001, sizeLots: 100 },
        { priceTicks: 1_000_004, sizeLots: 100 },
        { priceTicks: 1_000_007, sizeLots: 100 },
      ],
    });
    expect(quotes.map((quote) => quote.priceTicks)).toEqual([1_000_010, 1_000_020, 1_000_030]);
  });

  it('keeps post-only quotes off the other side of the market', () => {
    const quotes = buildLadder(plainInstrument, {
      bids: [{ priceTicks: 10_050, sizeLots: 1_000 }],
      asks: [{ priceTicks: 10_060, sizeLots: 1_000 }],
      bestBidTicks: 10_070,
      bestAskTicks: 10_040,
    });
    expect(bids(quotes)[0]!.priceTicks).toBe(10_039);
    expect(asks(quotes)[0]!.priceTicks).toBe(10_071);
  });

  it('widens crossed or too-tight targets around their centre', () => {
    const crossed = buildLadder(plainInstrument, {
      bids: [{ priceTicks: 10_010, sizeLots: 1_000 }],
      asks: [{ priceTicks: 10_000, sizeLots: 1_000 }],
    });
    expect(crossed.map((quote) => quote.priceTicks)).toEqual([10_004, 10_006]);
    const tight = buildLadder(plainInstrument, {
      bids: [{ priceTicks: 10_000, sizeLots: 1_000 }],
      asks: [{ priceTicks: 10_001, sizeLots: 1_000 }],
      minSpreadTicks: 5,
    });
    expect(tight.map((quote) => quote.priceTicks)).toEqual([9_998, 10_003]);
  });

  it('drops (does not bump) levels below the minimum notional and renumbers the rest', () => {
    // $5 minimum: 1 lot (0.001) at $100 is $0.10, 60 lots $6.
    const quotes = buildLadder(plainInstrument, {
      bids: [
        { priceTicks: 10_000, sizeLots: 1 },
        { priceTicks: 9_990, sizeLots: 60 },
        { priceTicks: 9_980, sizeLots: 0 },
      ],
      asks: [],
    });
    expect(quotes).toEqual([{ side: 'buy', priceTicks: 9_990, sizeLots: 60, level: 0 }]);
  });

  it('stops bids that would fall below one tick', () => {
    const tiny = new Instrument({ symbol: 'X', venue: 'test', tickSize: '1', lotSize: '1', minNotional: 0 });
    const quotes = buildLadder(tiny, {
      bids: [
        { priceTicks: 2, sizeLots: 1 },
        { priceTicks: 1.5, sizeLots: 1 },
        { priceTicks: 1, sizeLots: 1 },
      ],
      asks: [],
    });
    expect(quotes.map((quote) => quote.priceTicks)).toEqual([2, 1]);
  });

  it('rejects fractional sizes and NaN prices', () => {
    expect(() => buildLadder(plainInstrument, { bids: [{ priceTicks: 100, sizeLots: 1.5 }], asks: [] })).toThrow(InvalidInputError);
    expect(() => buildLadder(plainInstrument, { bids: [], asks: [{ priceTicks: Number.NaN, sizeLots: 1 }] })).toThrow(InvalidInputError);
  });

  /** Gaps between consecutive levels, as fractions of the mid. */
  const levelGaps = fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { maxLength: 5 });

  for (const [name, instrument] of [
    ['plain grid', plainInstrument],
    ['Hyperliquid BTC', btcInstrument],
  ] as const) {
    it(`property (${name}): on the grid, never more aggressive than asked, ordered, uncrossed`, () => {
      const noMinimum = new Instrument({
        symbol: instrument.symbol,
        venue: instrument.venue,
        tickSize: instrument.tickSizeText,
        lotSize: instrument.lotSizeText,
        minNotional: 0,
        maxSignificantFigures: instrument.maxSignificantFigures,
      });
      fc.assert(
        fc.property(
          fc.double({ min: 10, max: 3e7, noNaN: true }),
          fc.double({ min: -0.01, max: 0.01, noNaN: true }),
          levelGaps,
          levelGaps,
          fc.double({ min: 0, max: 0.01, noNaN: true }),
          fc.option(fc.tuple(fc.double({ min: -0.01, max: 0.01, noNaN: true }), fc.double({ min: 0, max: 0.02, noNaN: true }))),
          (midTicks, skew, bidGaps, askGaps, minSpreadFraction, market) => {
            // Cumulative gaps give outward targets; skew may push them through each other.
            let offset = 0;
            const bidTargets: LadderLevelTarget[] = bidGaps.map((gap) => {
              offset += gap;
              return { priceTicks: midTicks * (1 - offset + skew), sizeLots: 1 };
            });
            offset = 0;
            const askTargets: LadderLevelTarget[] = askGaps.map((gap) => {
              offset += gap;
              return { priceTicks: midTicks * (1 + offset + skew), sizeLots: 1 };
            });
            const bestBidTicks = market === null ? undefined : Math.max(1, Math.floor(midTicks * (1 + market[0])));
            const bestAskTicks = market === null ? undefined : Math.ceil(midTicks * (1 + market[0] + market[1])) + 1;
            const minSpreadTicks = midTicks * minSpreadFraction;
            const quotes = buildLadder(noMinimum, {
              bids: bidTargets,
              asks: askTargets,
              minSpreadTicks,
              bestBidTicks,
              bestAskTicks,
            });
            const quotedBids = bids(quotes);
            const quotedAsks = asks(quotes);
            expect(quotedBids).toHaveLength(bidTargets.length);
            expect(quotedAsks).toHaveLength(askTargets.length);
            for (const quote of quotes) expect(noMinimum.isValidPriceTicks(quote.priceTicks)).toBe(true);
            quotedBids.forEach((quote, index) => {
              expect(quote.level).toBe(index);
              expect(quote.priceTicks).toBeLessThanOrEqual(bidTargets[index]!.priceTicks + 1e-9);
              if (index > 0) expect(quote.priceTicks).toBeLessThan(quotedBids[index - 1]!.priceTicks);
              if (bestAskTicks !== undefined) expect(quote.priceTicks).toBeLessThan(bestAskTicks);
            });
            quotedAsks.forEach((quote, index) => {
              expect(quote.level).toBe(index);
              expect(quote.priceTicks).toBeGreaterThanOrEqual(askTargets[index]!.priceTicks - 1e-9);
              if (index > 0) expect(quote.priceTicks).toBeGreaterThan(quotedAsks[index - 1]!.priceTicks);
              if (bestBidTicks !== undefined) expect(quote.priceTicks).toBeGreaterThan(bestBidTicks);
            });
            const bestBid = quotedBids[0];
            const bestAsk = quotedAsks[0];
            if (bestBid !== undefined && bestAsk !== undefined) {
              expect(bestBid.priceTicks).toBeLessThan(bestAsk.priceTicks);
              expect(bestAsk.priceTicks - bestBid.priceTicks).toBeGreaterThanOrEqual(minSpreadTicks - 1e-6);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
