import { Instrument, InvalidInputError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { Portfolio } from './portfolio.js';
import type { TrackedFill } from './position-tracker.js';

const btc = Instrument.hyperliquidPerp('BTC', 5); // tick $0.1, lot 0.00001 BTC
const eth = Instrument.hyperliquidPerp('ETH', 4); // tick $0.01, lot 0.0001 ETH

function fill(symbol: string, fillId: string, side: 'buy' | 'sell', priceTicks: number, sizeLots: number, feeQuote = 0): TrackedFill {
  return { symbol, fillId, side, priceTicks, sizeLots, liquidity: 'maker', feeQuote };
}

describe('Portfolio', () => {
  it('routes fills by symbol and sums PnL, fees, notional and counts across assets', () => {
    const portfolio = new Portfolio([btc, eth]);
    // 0.1 BTC bought at $60,000 under a $60,001 mid; 2 ETH sold at $3,000 over a $2,999.50 mid.
    portfolio.applyFill(fill('BTC', '1', 'buy', 600_000, 10_000, -0.6), 600_010);
    portfolio.applyFill(fill('ETH', '1', 'sell', 300_000, 20_000, 0.9), 299_950);
    expect(portfolio.positionLots('BTC')).toBe(10_000);
    expect(portfolio.positionLots('ETH')).toBe(-20_000);

    const snapshot = portfolio.snapshot({ BTC: 610_000, ETH: 290_000 });
    expect(snapshot.assets.map((asset) => asset.symbol)).toEqual(['BTC', 'ETH']);
    const { totals } = snapshot;
    expect(totals.unrealizedPnlQuote).toBeCloseTo(100 + 200, 6); // +$1,000 × 0.1 BTC, +$100 × 2 ETH
    expect(totals.spreadCaptureQuote).toBeCloseTo(0.1 + 1, 9);
    expect(totals.feesPaidQuote).toBeCloseTo(0.9, 12);
    expect(totals.rebatesReceivedQuote).toBeCloseTo(0.6, 12);
    expect(totals.totalPnlQuote).toBeCloseTo(300 - 0.3, 6);
    const decomposed = totals.spreadCaptureQuote + totals.inventoryPnlQuote + totals.feePnlQuote;
    expect(totals.totalPnlQuote).toBeCloseTo(decomposed, 9);
    expect(totals.grossNotionalQuote).toBeCloseTo(6_100 + 5_800, 6);
    expect(totals.netNotionalQuote).toBeCloseTo(6_100 - 5_800, 6);
    expect(totals.volumeQuote).toBeCloseTo(6_000 + 6_000, 6);
    expect(totals.buyFillCount + totals.sellFillCount).toBe(2);
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.assets)).toBe(true);
    expect(Object.isFrozen(snapshot.totals)).toBe(true);
  });

  it('deduplicates per symbol: the same fill id on two assets is two fills', () => {
    const portfolio = new Portfolio([btc, eth]);
    expect(portfolio.applyFill(fill('BTC', '7', 'buy', 600_000, 1)).status).toBe('applied');
    expect(portfolio.applyFill(fill('ETH', '7', 'buy', 300_000, 1)).status).toBe('applied');
    expect(portfolio.applyFill(fill('BTC', '7', 'buy', 600_000, 1)).status).toBe('duplicate');
    expect(portfolio.snapshot({ BTC: 600_000, ETH: 300_000 }).totals.duplicateFillCount).toBe(1);
  });

  it('carries opening positions in and needs marks only for open assets', () => {
    const portfolio = new Portfolio([btc, eth], {
      openingPositions: { ETH: { positionLots: 5_000, averageEntryPriceTicks: 300_000 } },
      config: { rememberedFillIds: 10 },
    });
    const snapshot = portfolio.snapshot({ ETH: 300_100 });
    expect(snapshot.totals.unrealizedPnlQuote).toBeCloseTo(0.5, 9);
    expect(() => portfolio.snapshot({})).toThrow(InvalidInputError);
  });

  it('refuses unknown symbols, duplicate instruments and stray opening positions or marks', () => {
    const portfolio = new Portfolio([btc]);
    expect(() => portfolio.applyFill(fill('SOL', '1', 'buy', 1_000, 1))).toThrow(InvalidInputError);
    expect(() => portfolio.snapshot({ SOL: 1_000 })).toThrow(InvalidInputError);
    expect(() => new Portfolio([btc, btc])).toThrow(InvalidInputError);
    expect(() => new Portfolio([btc], { openingPositions: { ETH: { positionLots: 1, averageEntryPriceTicks: 1 } } })).toThrow(
      InvalidInputError,
    );
    expect(portfolio.symbols).toEqual(['BTC']);
  });
});
