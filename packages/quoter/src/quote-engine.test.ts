import { ConfigError, InvalidInputError, type Instrument, type Quote } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteEngine, type QuoteEngineInput } from './quote-engine.js';
import type { QuoteEngineConfigInput } from './quote-engine-config.js';
import { btcInstrument, plainInstrument } from './test-instruments.js';

const bids = (quotes: Quote[]) => quotes.filter((quote) => quote.side === 'buy');
const asks = (quotes: Quote[]) => quotes.filter((quote) => quote.side === 'sell');
const flat: QuoteEngineInput = { midPriceTicks: 1_000_000, volatilityBps: 0, inventoryRatio: 0 };

describe('QuoteEngine', () => {
  it('quotes the default 3-level ladder on Hyperliquid BTC at $100,000', () => {
    const engine = new QuoteEngine(btcInstrument);
    const { quotes, spread, minSpreadTicks } = engine.computeQuotes(flat);
    expect(spread.spreadBps).toBe(2);
    expect(minSpreadTicks).toBe(50);
    // 1, 2, 3 bps from mid = $10, $20, $30; $40/$35/$25 per level, rounded down to 0.00001 BTC.
    expect(quotes).toEqual([
      { side: 'buy', priceTicks: 999_900, sizeLots: 40, level: 0 },
      { side: 'buy', priceTicks: 999_800, sizeLots: 35, level: 1 },
      { side: 'buy', priceTicks: 999_700, sizeLots: 25, level: 2 },
      { side: 'sell', priceTicks: 1_000_100, sizeLots: 39, level: 0 },
      { side: 'sell', priceTicks: 1_000_200, sizeLots: 34, level: 1 },
      { side: 'sell', priceTicks: 1_000_300, sizeLots: 24, level: 2 },
    ]);
  });

  it('takes the mid from the best bid and ask when no mid is given', () => {
    const engine = new QuoteEngine(btcInstrument);
    const fromBook = engine.computeQuotes({ bestBidTicks: 999_990, bestAskTicks: 1_000_010, volatilityBps: 0, inventoryRatio: 0 });
    expect(fromBook.midPriceTicks).toBe(1_000_000);
    expect(fromBook.quotes).toEqual(engine.computeQuotes(flat).quotes);
  });

  it('needs a mid or both sides of the book', () => {
    const engine = new QuoteEngine(btcInstrument);
    expect(() => engine.computeQuotes({ bestBidTicks: 999_990, volatilityBps: 0, inventoryRatio: 0 })).toThrow(InvalidInputError);
  });

  it('a paused side emits no quote', () => {
    const engine = new QuoteEngine(btcInstrument);
    const { quotes } = engine.computeQuotes({ ...flat, buy: { paused: true } });
    expect(bids(quotes)).toEqual([]);
    expect(asks(quotes)).toHaveLength(3);
  });

  it("accepts the inventory ladder's side controls as they are", () => {
    const engine = new QuoteEngine(btcInstrument);
    // The shape of @mm/inventory's InventoryControls (extra fields ignored).
    const controls = {
      inventoryRatio: 0.9,
      buy: { side: 'buy', action: 'pause', spreadMultiplier: 2, maxOrderLots: 0, rule: 'pause', reason: 'test' },
      sell: { side: 'sell', action: 'quote', spreadMultiplier: 1, maxOrderLots: 100, rule: 'skew', reason: 'test' },
    } as const;
    const { quotes } = engine.computeQuotes({ ...controls, midPriceTicks: 1_000_000, volatilityBps: 0 });
    expect(bids(quotes)).toEqual([]);
    expect(asks(quotes)).toHaveLength(3);
  });

  it('a side spread multiplier widens only that side', () => {
    const engine = new QuoteEngine(btcInstrument);
    const { quotes } = engine.computeQuotes({ ...flat, sell: { spreadMultiplier: 3 } });
    expect(bids(quotes)[0]!.priceTicks).toBe(999_900);
    expect(asks(quotes)[0]!.priceTicks).toBe(1_000_300); // 3 bps
  });

  it('long inventory lowers both quotes', () => {
    const engine = new QuoteEngine(btcInstrument);
    const { quotes } = engine.computeQuotes({ ...flat, volatilityBps: 4, inventoryRatio: 1 });
    const { quotes: flatQuotes } = engine.computeQuotes({ ...flat, volatilityBps: 4 });
    expect(bids(quotes)[0]!.priceTicks).toBeLessThan(bids(flatQuotes)[0]!.priceTicks);
    expect(asks(quotes)[0]!.priceTicks).toBeLessThan(asks(flatQuotes)[0]!.priceTicks);
  });

  it('stays post-only when the mid is stale against the book', () => {
    const engine = new QuoteEngine(btcInstrument);
    // Mid says $100,000 but the market has moved down to $99,950 / $99,951.
    const { quotes } = engine.computeQuotes({ ...flat, bestBidTicks: 999_500, bestAskTicks: 999_510 });
    expect(bids(quotes)[0]!.priceTicks).toBeLessThan(999_510);
  });

  it('drops levels under the minimum notional', () => {
    // $5 minimum on the plain instrument: $12 per side → $4.80 / $4.20 / $3.00 levels all dropped but none bumped.
    const engine = new QuoteEngine(plainInstrument, { orderSizeUsd: 12 });
    expect(engine.computeQuotes({ midPriceTicks: 300_000, volatilityBps: 0, inventoryRatio: 0 }).quotes).toEqual([]);
    const one = new QuoteEngine(plainInstrument, { orderSizeUsd: 20, numLevels: 2, levelSizeShares: [0.75, 0.25] });
    const { quotes } = one.computeQuotes({ midPriceTicks: 300_000, volatilityBps: 0, inventoryRatio: 0 });
    expect(quotes.map((quote) => [quote.side, quote.level])).toEqual([
      ['buy', 0],
      ['sell', 0],
    ]);
  });

  it('rejects a bad config with a ConfigError', () => {
    expect(() => new QuoteEngine(btcInstrument, { maxSpreadBps: -1 })).toThrow(ConfigError);
  });

  const configs: fc.Arbitrary<QuoteEngineConfigInput> = fc
    .record({
      baseSpreadBps: fc.double({ min: 0, max: 50, noNaN: true }),
      volMultiplier: fc.double({ min: 0, max: 5, noNaN: true }),
      inventoryPenaltyBps: fc.double({ min: 0, max: 10, noNaN: true }),
      skewFactor: fc.double({ min: 0, max: 3, noNaN: true }),
      imbalanceFactor: fc.double({ min: 0, max: 1, noNaN: true }),
      biasFactor: fc.double({ min: 0, max: 1, noNaN: true }),
      minSpreadBps: fc.double({ min: 0, max: 10, noNaN: true }),
      extraMaxSpreadBps: fc.double({ min: 0.01, max: 100, noNaN: true }),
      orderSizeUsd: fc.double({ min: 50, max: 100_000, noNaN: true }),
      levelSpacingBps: fc.double({ min: 0, max: 20, noNaN: true }),
      weights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 5 }),
    })
    .map(({ extraMaxSpreadBps, weights, ...rest }) => {
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      return {
        ...rest,
        maxSpreadBps: rest.minSpreadBps + extraMaxSpreadBps,
        numLevels: weights.length,
        levelSizeShares: weights.map((weight) => weight / total),
      };
    });

  const sideControl = fc.record({
    paused: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    spreadMultiplier: fc.double({ min: 1, max: 4, noNaN: true }),
  });

  function marketInputs(priceRange: { min: number; max: number }) {
    return fc.record({
      price: fc.double({ ...priceRange, noNaN: true }),
      book: fc.option(fc.tuple(fc.double({ min: -0.01, max: 0.01, noNaN: true }), fc.integer({ min: 1, max: 50 }))),
      volatilityBps: fc.double({ min: 0, max: 300, noNaN: true }),
      inventoryRatio: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      imbalance: fc.double({ min: -1, max: 1, noNaN: true }),
      bias: fc.double({ min: -1, max: 1, noNaN: true }),
      buy: sideControl,
      sell: sideControl,
    });
  }

  function checkInvariants(instrument: Instrument, priceRange: { min: number; max: number }) {
    fc.assert(
      fc.property(configs, marketInputs(priceRange), (config, market) => {
        const engine = new QuoteEngine(instrument, config);
        const midPriceTicks = market.price / instrument.tickSize;
        // A book around (not necessarily centred on) the mid: the mid may be stale or a microprice.
        const bestBidTicks = market.book === null ? undefined : Math.max(1, Math.floor(midPriceTicks * (1 + market.book[0])));
        const bestAskTicks = bestBidTicks === undefined || market.book === null ? undefined : bestBidTicks + market.book[1];
        const result = engine.computeQuotes({ ...market, midPriceTicks, bestBidTicks, bestAskTicks });
        const quotedBids = bids(result.quotes);
        const quotedAsks = asks(result.quotes);

        for (const quote of result.quotes) {
          expect(instrument.isValidPriceTicks(quote.priceTicks)).toBe(true);
          expect(Number.isSafeInteger(quote.sizeLots) && quote.sizeLots > 0).toBe(true);
          expect(instrument.meetsMinNotional(quote.priceTicks, quote.sizeLots)).toBe(true);
        }
        if (market.buy.paused) expect(quotedBids).toEqual([]);
        if (market.sell.paused) expect(quotedAsks).toEqual([]);
        quotedBids.forEach((quote, index) => {
          expect(quote.level).toBe(index);
          if (index > 0) expect(quote.priceTicks).toBeLessThan(quotedBids[index - 1]!.priceTicks);
          if (bestAskTicks !== undefined) expect(quote.priceTicks).toBeLessThan(bestAskTicks);
        });
        quotedAsks.forEach((quote, index) => {
          expect(quote.level).toBe(index);
          if (index > 0) expect(quote.priceTicks).toBeGreaterThan(quotedAsks[index - 1]!.priceTicks);
          if (bestBidTicks !== undefined) expect(quote.priceTicks).toBeGreaterThan(bestBidTicks);
        });
        const bestBid = quotedBids[0];
        const bestAsk = quotedAsks[0];
        if (bestBid !== undefined && bestAsk !== undefined) {
          expect(bestBid.priceTicks).toBeLessThan(bestAsk.priceTicks);
          expect(bestAsk.priceTicks - bestBid.priceTicks).toBeGreaterThanOrEqual(result.minSpreadTicks - 1e-6);
        }
      }),
      { numRuns: 500 },
    );
  }

  it('property (plain grid, $0.50 to $100,000): on the grid, uncrossed, outside the minimum spread, post-only, paused sides empty', () => {
    checkInvariants(plainInstrument, { min: 0.5, max: 100_000 });
  });

  it('property (Hyperliquid BTC, $1 to $2,000,000): the same, under the 5-significant-figure rule', () => {
    checkInvariants(btcInstrument, { min: 1, max: 2_000_000 });
  });
});
