import { orderRateLimitAbove, parseRiskLimits, type RiskLimitsInput } from '@mm/risk';
import { OrderBudget } from '@mm/strategies';
import type { BotConfig } from './config/bot-config.js';

/**
 * The risk manager's limits for this bot. The order-rate limit is sized to the strategies' own
 * order budgets: together they send at most Σ `maxOrdersPerRollingMinute` orders a minute by
 * design, and that normal rate must sit below the WARNING share (at the defaults, one asset with a
 * budget of 36/min, burst 7: 43 orders, limit 87, so 49% used). A fixed 60/min put the default bot
 * at 52-68% of it, WARNING as the normal state; now WARNING means orders beyond the budgets.
 */
export function botRiskLimits(
  config: Pick<BotConfig, 'TOTAL_CAPITAL' | 'MAX_TOTAL_POSITION_USD' | 'MAX_DAILY_LOSS_USD' | 'MAX_DRAWDOWN_PCT' | 'assets'>,
  orderBudgetsPerMinute: readonly number[],
): RiskLimitsInput {
  const { warningUsagePct } = parseRiskLimits({ capitalUsd: config.TOTAL_CAPITAL });
  const normalOrdersPerMinute = orderBudgetsPerMinute.reduce((sum, budget) => sum + new OrderBudget(budget).maxOrdersPerRollingMinute, 0);
  return {
    capitalUsd: config.TOTAL_CAPITAL,
    maxTotalPositionUsd: config.MAX_TOTAL_POSITION_USD,
    maxDailyLossUsd: config.MAX_DAILY_LOSS_USD,
    maxDrawdownPct: config.MAX_DRAWDOWN_PCT,
    maxPositionUsdBySymbol: Object.fromEntries(config.assets.map((asset) => [asset.symbol, asset.maxPositionUsd])),
    maxOrdersPerMinute: orderRateLimitAbove(normalOrdersPerMinute, warningUsagePct),
  };
}
