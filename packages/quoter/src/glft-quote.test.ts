import { describe, expect, it } from 'vitest';
import { glftQuote, type GlftQuoteInput } from './glft-quote.js';

/** hftbacktest GLFT tutorial values (BTCUSDT calibration). */
const tutorial: GlftQuoteInput = {
  midPriceTicks: 1_000,
  volatilityTicks: 10.69,
  riskAversion: 0.05,
  arrivalIntensity: 2.986162360812285,
  arrivalDecay: 0.04235741115084049,
  orderSize: 1,
  inventory: 0,
};

describe('glftQuote', () => {
  it('reproduces the known half spread and skew to 1e-9 ticks', () => {
    const quote = glftQuote(tutorial);
    expect(Math.abs(quote.halfSpreadTicks - 20.47208533844371)).toBeLessThan(1e-9);
    expect(Math.abs(quote.skewTicks - 9.76326865029227)).toBeLessThan(1e-9);
  });

  it('is symmetric around mid when flat', () => {
    const quote = glftQuote(tutorial);
    expect(quote.bidDepthTicks).toBe(quote.halfSpreadTicks);
    expect(quote.askDepthTicks).toBe(quote.halfSpreadTicks);
    expect(quote.bidPriceTicks).toBeCloseTo(1_000 - 20.47208533844371, 9);
    expect(quote.askPriceTicks).toBeCloseTo(1_000 + 20.47208533844371, 9);
  });

  it('skews by skew × q: long bids deeper and offers closer', () => {
    const quote = glftQuote({ ...tutorial, inventory: 2 });
    expect(quote.bidDepthTicks).toBeCloseTo(20.47208533844371 + 2 * 9.76326865029227, 9);
    expect(quote.askDepthTicks).toBeCloseTo(20.47208533844371 - 2 * 9.76326865029227, 9);
    // Total spread does not depend on inventory.
    expect(quote.bidDepthTicks + quote.askDepthTicks).toBeCloseTo(2 * quote.halfSpreadTicks, 9);
  });
});
