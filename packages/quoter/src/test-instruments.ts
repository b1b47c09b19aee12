import { Instrument } from '@mm/core';

/**
 * Instruments shared by the tests (not exported from the package). `plain`: a Binance-style
 * fixed tick grid; `btc`: Hyperliquid BTC perp, tick 0.1 under the 5-significant-figure rule.
 */
export const plainInstrument = new Instrument({
  symbol: 'ETHUSDT',
  venue: 'binance',
  tickSize: '0.01',
  lotSize: '0.001',
  minNotional: 5,
});

export const btcInstrument = Instrument.hyperliquidPerp('BTC', 5);
