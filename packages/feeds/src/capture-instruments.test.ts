import { describe, expect, it } from 'vitest';
import { BINANCE_USDM_BTCUSDT, HYPERLIQUID_BTC } from './capture-instruments.js';

describe('capture instruments', () => {
  it('match the venues’ BTC perpetual grids', () => {
    expect(BINANCE_USDM_BTCUSDT).toMatchObject({
      symbol: 'BTCUSDT',
      venue: 'binance-usdm',
      tickSizeText: '0.1',
      lotSizeText: '0.001',
      minNotional: 100,
      maxSignificantFigures: undefined,
    });
    expect(HYPERLIQUID_BTC).toMatchObject({
      symbol: 'BTC',
      venue: 'hyperliquid',
      tickSizeText: '0.1',
      lotSizeText: '0.00001',
      minNotional: 10,
      maxSignificantFigures: 5,
    });
  });
});
