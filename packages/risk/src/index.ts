export { orderRateLimitAbove, riskLimitsSchema, parseRiskLimits, type RiskLimits, type RiskLimitsInput } from './risk-limits.js';
export { RISK_STATUSES, riskStatusSeverity, worseRiskStatus, riskStatusForUsage, type RiskStatus } from './risk-status.js';
export {
  RISK_RULE_IDS,
  symbolDecisionFor,
  type RiskRuleId,
  type RuleEffect,
  type FiredRule,
  type SymbolAction,
  type SymbolRiskDecision,
  type RiskLimitName,
  type LimitUsage,
  type RiskDecision,
} from './risk-decision.js';
export { checkCommand, ruleBlocksNewOrder, type CommandVerdict } from './check-command.js';
export { RiskManager } from './risk-manager.js';
export { VolatilityFeed, DEFAULT_VOLATILITY_FEED, type VolatilityFeedOptions } from './volatility-feed.js';
export { DrawdownTracker } from './drawdown-tracker.js';
