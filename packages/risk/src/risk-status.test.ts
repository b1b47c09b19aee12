import { describe, expect, it } from 'vitest';
import { RISK_STATUSES, riskStatusForUsage, riskStatusSeverity, worseRiskStatus } from './risk-status.js';

describe('risk status', () => {
  it('orders the statuses best to worst', () => {
    expect(RISK_STATUSES.map(riskStatusSeverity)).toEqual([0, 1, 2, 3]);
    expect(worseRiskStatus('WARNING', 'CRITICAL')).toBe('CRITICAL');
    expect(worseRiskStatus('HALT', 'NORMAL')).toBe('HALT');
    expect(worseRiskStatus('WARNING', 'WARNING')).toBe('WARNING');
  });

  it('maps usage to a status at the documented thresholds', () => {
    expect(riskStatusForUsage(0.4999, 50, 80)).toBe('NORMAL');
    expect(riskStatusForUsage(0.5, 50, 80)).toBe('WARNING');
    expect(riskStatusForUsage(0.7999, 50, 80)).toBe('WARNING');
    expect(riskStatusForUsage(0.8, 50, 80)).toBe('CRITICAL');
    expect(riskStatusForUsage(5, 50, 80)).toBe('CRITICAL');
  });
});
