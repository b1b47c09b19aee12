import type { BotSnapshot, FillSnapshot } from './bot-snapshot.js';

/** Synthetic snapshots for tests and demos: two assets, quotes around the book, a few fills. */
export function syntheticSnapshot(overrides: Partial<BotSnapshot> = {}): BotSnapshot {
  const startedUs = 1_764_000_000_000_000;
  const fills: FillSnapshot[] = [
    syntheticFill({
      timeUs: startedUs + 90_000_000,
      symbol: 'BTC',
      side: 'sell',
      price: 97_012.5,
      size: 0.0011,
      liquidity: 'maker',
      feeUsd: -0.0016,
    }),
    syntheticFill({
      timeUs: startedUs + 60_000_000,
      symbol: 'ETH',
      side: 'buy',
      price: 3_101.2,
      size: 0.032,
      liquidity: 'maker',
      feeUsd: -0.0015,
    }),
    syntheticFill({
      timeUs: startedUs + 30_000_000,
      symbol: 'BTC',
      side: 'buy',
      price: 96_990,
      size: 0.0011,
      liquidity: 'taker',
      feeUsd: 0.048,
    }),
  ];
  return {
    timeUs: startedUs + 3_725_000_000,
    startedUs,
    mode: 'paper',
    assets: [
      {
        symbol: 'BTC',
        bestBid: 97_000,
        bestAsk: 97_001,
        quotes: [
          { side: 'sell', price: 97_030, size: 0.0008 },
          { side: 'sell', price: 97_020, size: 0.0009 },
          { side: 'sell', price: 97_010, size: 0.001 },
          { side: 'buy', price: 96_990, size: 0.001 },
          { side: 'buy', price: 96_980, size: 0.0009 },
          { side: 'buy', price: 96_970, size: 0.0008 },
        ],
        positionBase: 0.0022,
        positionUsd: 213.4,
        pnl: { totalUsd: 12.34, spreadCaptureUsd: 10.5, rebatesUsd: 2.1, feesUsd: 0.26, inventoryUsd: 0 },
        fills: { buy: 4, sell: 3 },
        volumeUsd: 1_500.25,
        spreadCapturedBps: 1.8,
      },
      {
        symbol: 'ETH',
        bestBid: 3_100.5,
        bestAsk: 3_100.7,
        quotes: [
          { side: 'sell', price: 3_101.5, size: 0.03 },
          { side: 'buy', price: 3_099.8, size: 0.03 },
        ],
        positionBase: -0.064,
        positionUsd: -198.44,
        pnl: { totalUsd: -1.5, spreadCaptureUsd: 0.9, rebatesUsd: 0.3, feesUsd: 0.1, inventoryUsd: -2.6 },
        fills: { buy: 1, sell: 3 },
        volumeUsd: 800,
        spreadCapturedBps: 0.7,
      },
    ],
    recentFills: fills,
    risk: {
      status: 'WARNING',
      reason: 'daily loss at 62% of limit',
      firedRules: [{ ruleId: 'max-daily-loss', reason: 'loss $31 of $50' }],
    },
    totals: { pnlUsd: 10.84, volumeUsd: 2_300.25, rebatesUsd: 2.4, feesUsd: 0.36, maxDrawdownUsd: 3.2 },
    failClosedReason: null,
    ...overrides,
  };
}

export function syntheticFill(overrides: Partial<FillSnapshot> = {}): FillSnapshot {
  return {
    timeUs: 1_764_000_001_000_000,
    symbol: 'BTC',
    side: 'buy',
    price: 97_000,
    size: 0.001,
    liquidity: 'maker',
    feeUsd: -0.0015,
    ...overrides,
  };
}
