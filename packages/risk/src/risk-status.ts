/**
 * How close the account is to its limits, best to worst. Thresholds (configurable in
 * `RiskLimits`, defaults shown):
 * - NORMAL: every limit used below 50% and no rule fired.
 * - WARNING: some limit used at >= 50% (`warningUsagePct`), or spreads widened by a price move.
 * - CRITICAL: some limit used at >= 80% (`criticalUsagePct`), or a non-halting rule fired (a side or
 *   symbol paused, cancel-all, API-error pause, order throttle).
 * - HALT: a halting rule is in force (daily loss limit hit, drawdown limit breached): no new orders anywhere.
 */
export type RiskStatus = 'NORMAL' | 'WARNING' | 'CRITICAL' | 'HALT';

/** Every status, best first; the index is the severity. */
export const RISK_STATUSES: readonly RiskStatus[] = Object.freeze(['NORMAL', 'WARNING', 'CRITICAL', 'HALT']);

/** 0 for NORMAL up to 3 for HALT. */
export function riskStatusSeverity(status: RiskStatus): number {
  return RISK_STATUSES.indexOf(status);
}

/** The more severe of two statuses. */
export function worseRiskStatus(a: RiskStatus, b: RiskStatus): RiskStatus {
  return riskStatusSeverity(b) > riskStatusSeverity(a) ? b : a;
}

/**
 * The status a single limit's usage implies (`usage` = value / limit, 1 = at the limit). Usage alone
 * never gives HALT: halting is decided by the rules, so a limit that does not halt (a position
 * limit) tops out at CRITICAL.
 */
export function riskStatusForUsage(usage: number, warningUsagePct: number, criticalUsagePct: number): RiskStatus {
  const usagePct = usage * 100;
  if (usagePct >= criticalUsagePct) return 'CRITICAL';
  if (usagePct >= warningUsagePct) return 'WARNING';
  return 'NORMAL';
}
