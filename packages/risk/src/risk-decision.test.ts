import { describe, expect, it } from 'vitest';
import { RISK_RULE_IDS, symbolDecisionFor, type RiskDecision, type SymbolRiskDecision } from './risk-decision.js';

const other: SymbolRiskDecision = {
  symbol: '*',
  positionUsd: 0,
  spreadMultiplier: 1,
  bidPaused: true,
  askPaused: true,
  cancelAll: true,
  actions: [{ type: 'cancel-all' }],
  rules: [],
};
const decision: RiskDecision = {
  time: 0,
  status: 'HALT',
  statusReason: 'test',
  halted: true,
  quotingPaused: false,
  newOrdersThrottled: false,
  symbols: [{ ...other, symbol: 'BTC', positionUsd: 100 }],
  otherSymbols: other,
  firedRules: [],
  usage: [],
};

describe('symbolDecisionFor', () => {
  it('returns the listed entry, or the account-wide default named after the symbol', () => {
    expect(symbolDecisionFor(decision, 'BTC').positionUsd).toBe(100);
    expect(symbolDecisionFor(decision, 'ETH')).toEqual({ ...other, symbol: 'ETH' });
  });
});

describe('RISK_RULE_IDS', () => {
  it('lists each rule once, halting rules first', () => {
    expect(new Set(RISK_RULE_IDS).size).toBe(RISK_RULE_IDS.length);
    expect(RISK_RULE_IDS.slice(0, 2)).toEqual(['daily-loss', 'drawdown']);
  });
});
