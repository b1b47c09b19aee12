import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidInputError, PriceRuleError } from './errors.js';
import { Instrument } from './instrument.js';

const btcHl = Instrument.hyperliquidPerp('BTC', 5);
const binanceBtc = new Instrument({
  symbol: 'BTCUSDT',
  venue: 'binance-usdm',
  tickSize: '0.1',
  lotSize: '0.001',
  minNotional: 100,
});

describe('Instrument.hyperliquidPerp', () => {
  it('derives tick and lot from szDecimals', () => {
    expect(btcHl.tickSizeText).toBe('0.1');
    expect(btcHl.lotSizeText).toBe('0.00001');
    expect(btcHl.minNotional).toBe(10);
    const eth = Instrument.hyperliquidPerp('ETH', 4);
    expect(eth.tickSizeText).toBe('0.01');
    const meme = Instrument.hyperliquidPerp('kPEPE', 0);
    expect(meme.tickSizeText).toBe('0.000001');
    expect(meme.lotSizeText).toBe('1');
  });

  it('applies the 5-significant-figure rule with integer prices always allowed', () => {
    // BTC at 64,093: 5 figures leave no decimals, so the step is 10 ticks of 0.1.
    expect(btcHl.priceStepTicksAt(640_930)).toBe(10);
    expect(btcHl.isValidPriceTicks(640_930)).toBe(true);
    expect(btcHl.isValidPriceTicks(640_935)).toBe(false);
    // BTC at 123,456: more than 5 figures, still valid because integer.
    expect(btcHl.isValidPriceTicks(1_234_560)).toBe(true);
    expect(btcHl.isValidPriceTicks(1_234_561)).toBe(false);
    // BTC at 9,876.5: 5 figures with one decimal.
    expect(btcHl.priceStepTicksAt(98_765)).toBe(1);
    expect(btcHl.isValidPriceTicks(98_765)).toBe(true);
    // The docs' examples (perp, szDecimals 0..): 1234.5 ok, 1234.56 not; 0.001234 ok, 0.0012345 not.
    const perp2 = Instrument.hyperliquidPerp('X', 2); // tick 0.0001
    expect(perp2.isValidPriceTicks(perp2.parsePriceTicks('1234.5'))).toBe(true);
    expect(() => perp2.parsePriceTicks('1234.56')).not.toThrow(); // on the 0.0001 grid...
    expect(perp2.isValidPriceTicks(perp2.parsePriceTicks('1234.56'))).toBe(false); // ...but 6 figures
    const perp0 = Instrument.hyperliquidPerp('Y', 0); // tick 0.000001
    expect(perp0.isValidPriceTicks(perp0.parsePriceTicks('0.001234'))).toBe(true);
    expect(() => perp0.parsePriceTicks('0.0012345')).toThrow(PriceRuleError);
    const perp1 = Instrument.hyperliquidPerp('Z', 1); // tick 0.00001
    expect(perp1.isValidPriceTicks(perp1.parsePriceTicks('0.01234'))).toBe(true);
    expect(() => perp1.parsePriceTicks('0.012345')).toThrow(PriceRuleError);
  });

  it('rounds bids down and asks up onto the grid', () => {
    expect(btcHl.priceToTicks(64_093.46, 'down')).toBe(640_930);
    expect(btcHl.priceToTicks(64_093.46, 'up')).toBe(640_940);
    expect(btcHl.priceToTicks(99_999.7, 'up')).toBe(1_000_000);
    expect(btcHl.priceToTicks(100_004.9, 'down')).toBe(1_000_040);
  });

  it('formats exactly, without trailing zeros', () => {
    expect(btcHl.formatPrice(640_930)).toBe('64093');
    expect(btcHl.formatPrice(98_765)).toBe('9876.5');
    expect(btcHl.formatSize(3)).toBe('0.00003');
    expect(btcHl.formatSize(100_000)).toBe('1');
    expect(() => btcHl.formatPrice(640_935)).toThrow(PriceRuleError);
    expect(btcHl.parsePriceTicks('64093.0')).toBe(640_930);
    expect(btcHl.parseSizeLots('0.09932')).toBe(9_932);
  });

  it('keeps every rounded price on the grid, on the right side of the input', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 2_000_000, noNaN: true }), (price) => {
        const bid = btcHl.priceToTicks(price, 'down');
        const ask = btcHl.priceToTicks(price, 'up');
        expect(btcHl.isValidPriceTicks(bid)).toBe(true);
        expect(btcHl.isValidPriceTicks(ask)).toBe(true);
        expect(bid * 0.1).toBeLessThanOrEqual(price + 1e-6);
        expect(ask * 0.1).toBeGreaterThanOrEqual(price - 1e-6);
        expect(btcHl.parsePriceTicks(btcHl.formatPrice(bid))).toBe(bid);
      }),
    );
  });
});

describe('Instrument on a plain grid', () => {
  it('parses and formats round trip without float noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (ticks) => {
        const text = binanceBtc.formatPrice(ticks);
        expect(text).not.toMatch(/e|0000001|9999999/);
        expect(binanceBtc.parsePriceTicks(text)).toBe(ticks);
      }),
    );
    expect(binanceBtc.formatPrice(616_597)).toBe('61659.7');
    expect(binanceBtc.parseSizeLots('1.486')).toBe(1_486);
  });

  it('rejects off-grid text unless asked to round', () => {
    expect(() => binanceBtc.parsePriceTicks('61659.75')).toThrow(PriceRuleError);
    expect(binanceBtc.parsePriceTicks('61659.75', 'down')).toBe(616_597);
    expect(binanceBtc.parsePriceTicks('61659.75', 'up')).toBe(616_598);
  });

  it('knows the minimum notional', () => {
    expect(binanceBtc.minLotsAt(600_000)).toBe(2); // 100 / (60000 * 0.001) = 1.67 -> 2
    expect(binanceBtc.meetsMinNotional(600_000, 2)).toBe(true);
    expect(binanceBtc.meetsMinNotional(600_000, 1)).toBe(false);
    expect(btcHl.minLotsAt(1_000_000)).toBe(10); // $10 at $100,000 = 0.0001 BTC
  });

  it('refuses bad specs naming the field', () => {
    expect(() => new Instrument({ symbol: 'X', venue: 'v', tickSize: '-1', lotSize: '1', minNotional: 0 })).toThrow(/tickSize/);
    expect(() => new Instrument({ symbol: 'X', venue: 'v', tickSize: '0.1', lotSize: '1', minNotional: 0, extra: 1 } as never)).toThrow(
      ConfigError,
    );
    expect(() => Instrument.hyperliquidPerp('X', 7)).toThrow(InvalidInputError);
    expect(() => btcHl.priceToTicks(Number.NaN, 'down')).toThrow(InvalidInputError);
  });
});
