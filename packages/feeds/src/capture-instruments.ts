import { Instrument } from '@mm/core';

/** Binance USD-M BTCUSDT perpetual, as in the recorded captures: tick 0.1, lot 0.001, $100 minimum. */
export const BINANCE_USDM_BTCUSDT: Instrument = new Instrument({
  symbol: 'BTCUSDT',
  venue: 'binance-usdm',
  tickSize: '0.1',
  lotSize: '0.001',
  minNotional: 100,
});

/** Hyperliquid BTC perpetual (szDecimals 5): tick 0.1, lot 0.00001, 5 significant figures, $10 minimum. */
export const HYPERLIQUID_BTC: Instrument = Instrument.hyperliquidPerp('BTC', 5);
