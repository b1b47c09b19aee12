/** What the bot shows the outside world (dashboard, metrics, notifications) at one moment. */
export interface BotSnapshot {
  timeUs: number;
  startedUs: number;
  mode: 'paper' | 'testnet' | 'mainnet';
  assets: AssetSnapshot[];
  /** Newest first, at most 50. */
  recentFills: FillSnapshot[];
  risk: { status: 'NORMAL' | 'WARNING' | 'CRITICAL' | 'HALT'; reason: string; firedRules: Array<{ ruleId: string; reason: string }> };
  totals: { pnlUsd: number; volumeUsd: number; rebatesUsd: number; feesUsd: number; maxDrawdownUsd: number };
  /** Why the bot stopped quoting, if it did. */
  failClosedReason: string | null;
}

export interface AssetSnapshot {
  symbol: string;
  bestBid: number | null;
  bestAsk: number | null;
  /** Our resting (and in-flight) quotes. */
  quotes: Array<{ side: 'buy' | 'sell'; price: number; size: number }>;
  positionBase: number;
  positionUsd: number;
  pnl: { totalUsd: number; spreadCaptureUsd: number; rebatesUsd: number; feesUsd: number; inventoryUsd: number };
  fills: { buy: number; sell: number };
  volumeUsd: number;
  spreadCapturedBps: number;
}

export interface FillSnapshot {
  timeUs: number;
  symbol: string;
  side: 'buy' | 'sell';
  price: number;
  size: number;
  liquidity: 'maker' | 'taker';
  feeUsd: number;
}
