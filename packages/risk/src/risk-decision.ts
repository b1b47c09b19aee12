import type { Micros, Side } from '@mm/core';
import type { RiskStatus } from './risk-status.js';

/**
 * The rules a decision can cite. Comparisons (defaults in parentheses; all windows are
 * `(now − window, now]`, all cooldowns end at exactly `until`):
 * - `price-move-widen`: a symbol's price moved more than `widenMovePct` (1%) within
 *   `widenWindowSeconds` (60s) → spreads × `widenSpreadMultiple` (3) until `widenCooldownSeconds`
 *   (5 min) after the last price that showed such a move.
 * - `price-move-cancel`: more than `cancelMovePct` (3%) within `cancelWindowSeconds` (5 min) →
 *   cancel all orders on the symbol, no new ones, for `cancelCooldownSeconds` (15 min) after the last such price.
 * - `daily-loss`: loss since 00:00 UTC at or above `maxDailyLossUsd` → halt until the next 00:00 UTC.
 * - `drawdown`: drawdown from peak equity above `maxDrawdownPct` of capital → halt until
 *   `RiskManager.resetDrawdownHalt` (a person has to look; it never clears by itself).
 * - `position-per-asset`: |position| at or above `maxPositionUsdPerAsset` → pause that asset's side
 *   that would grow it (bids when long, asks when short) while the condition holds.
 * - `position-total`: sum of |positions| at or above `maxTotalPositionUsd` → pause, on every symbol,
 *   each side that would grow a position (both sides when flat) while the condition holds.
 * - `api-errors`: more than `maxApiErrors` (5) API errors within `apiErrorWindowSeconds` (60s) →
 *   pause quoting everywhere for `apiErrorPauseSeconds` (2 min) after the last error that kept the count above it.
 * - `order-rate`: `maxOrdersPerMinute` orders already sent in the last minute → deny new orders
 *   until the oldest of them leaves the window, so the rate never exceeds the limit.
 * - `volatility`: a symbol's volatility above `volatilityPauseMultiple` (3) × its normal volatility
 *   → pause quoting on it while the condition holds.
 */
export type RiskRuleId =
  | 'daily-loss'
  | 'drawdown'
  | 'price-move-cancel'
  | 'api-errors'
  | 'volatility'
  | 'position-per-asset'
  | 'position-total'
  | 'order-rate'
  | 'price-move-widen';

/** Every rule id, in the order a decision lists rules of equal status (most drastic first). */
export const RISK_RULE_IDS: readonly RiskRuleId[] = Object.freeze([
  'daily-loss',
  'drawdown',
  'price-move-cancel',
  'api-errors',
  'volatility',
  'position-per-asset',
  'position-total',
  'order-rate',
  'price-move-widen',
]);

/** What a fired rule does. */
export type RuleEffect =
  /** Quote wider: multiply the spread by `spreadMultiplier`. */
  | { type: 'widen'; spreadMultiplier: number }
  /** No new orders on `side` (a bid is a buy, an ask a sell); pull resting ones. */
  | { type: 'pause-side'; side: Side }
  /** Account-wide: on every symbol, no new orders on a side that would grow |position| (both when flat). */
  | { type: 'pause-growth' }
  /** No new orders on either side; pull resting ones. */
  | { type: 'pause-quoting' }
  /** Cancel every order on the symbol; no new ones. */
  | { type: 'cancel-all' }
  /** Account-wide stop: cancel everything, no new orders anywhere. */
  | { type: 'halt' }
  /** Account-wide: resting orders may stay, new ones are denied. */
  | { type: 'throttle' };

export interface FiredRule {
  ruleId: RiskRuleId;
  /** The symbol it acts on; null when it acts on the whole account. */
  symbol: string | null;
  effect: RuleEffect;
  /** The status this rule alone implies. */
  status: RiskStatus;
  /** Why, with the numbers: "BTC price moved 1.4% in 42s (from 100 to 101.4) > 1% within 1min: ...". */
  reason: string;
  /** When the current episode started. */
  since: Micros;
  /** When it ends by itself if nothing else happens; null when it ends with its condition or a manual reset. */
  until: Micros | null;
  clearsWhen: 'time' | 'condition' | 'manual-reset';
}

/** One per-symbol action, for a quoter that just wants a list. */
export type SymbolAction =
  { type: 'allow' } | { type: 'widen'; spreadMultiplier: number } | { type: 'pause-bid' } | { type: 'pause-ask' } | { type: 'cancel-all' };

export interface SymbolRiskDecision {
  /** The symbol, or '*' for `RiskDecision.otherSymbols`. */
  symbol: string;
  /** Last signed position notional seen (long > 0), 0 if none. */
  positionUsd: number;
  /** 1 unless widened. */
  spreadMultiplier: number;
  /** No new buy orders; resting bids should be pulled. */
  bidPaused: boolean;
  /** No new sell orders; resting asks should be pulled. */
  askPaused: boolean;
  /** Cancel every order on the symbol (implies both sides paused). */
  cancelAll: boolean;
  /** The above as a list: [allow], or [cancel-all], or any of widen / pause-bid / pause-ask. */
  actions: readonly SymbolAction[];
  /** Rules acting on this symbol, its own and account-wide ones, most severe first. */
  rules: readonly FiredRule[];
}

/** The limits whose usage drives the status. */
export type RiskLimitName =
  | 'maxDailyLossUsd'
  | 'maxDrawdownPct'
  | 'maxPositionUsdPerAsset'
  | 'maxTotalPositionUsd'
  | 'maxOrdersPerMinute'
  | 'maxApiErrors'
  | 'volatilityPauseMultiple';

/** How much of one limit is used. */
export interface LimitUsage {
  limit: RiskLimitName;
  symbol: string | null;
  /** The metric, in the limit's unit (USD, %, orders, errors, multiple of normal volatility). */
  value: number;
  /** The level the metric is compared with. */
  limitValue: number;
  /** value / limitValue, never below 0; 1 is at the limit. */
  usage: number;
  status: RiskStatus;
  /** "daily loss $30 is 60% of the $50 limit". */
  text: string;
}

export interface RiskDecision {
  /** The time it was evaluated at. */
  time: Micros;
  status: RiskStatus;
  /** Why the status is what it is: the worst rule's reason or the most-used limit. */
  statusReason: string;
  /** A halting rule is in force: cancel everything, no new orders anywhere. */
  halted: boolean;
  /** Quoting is paused everywhere (API errors). */
  quotingPaused: boolean;
  /** The order-rate limit is reached: new orders are denied, resting ones may stay. */
  newOrdersThrottled: boolean;
  /** Every symbol seen, sorted by name. */
  symbols: readonly SymbolRiskDecision[];
  /** What applies to a symbol not listed (account-wide rules only). */
  otherSymbols: SymbolRiskDecision;
  /** Every rule in force, most severe first. */
  firedRules: readonly FiredRule[];
  usage: readonly LimitUsage[];
}

/** The decision for `symbol`, also for a symbol the decision does not list. */
export function symbolDecisionFor(decision: RiskDecision, symbol: string): SymbolRiskDecision {
  return decision.symbols.find((entry) => entry.symbol === symbol) ?? { ...decision.otherSymbols, symbol };
}
