import { expect, it } from 'vitest';
import type {
  CommandVerdict,
  FiredRule,
  LimitUsage,
  RiskDecision,
  RiskLimitName,
  RiskLimits,
  RiskLimitsInput,
  RiskRuleId,
  RiskStatus,
  RuleEffect,
  SymbolAction,
  SymbolRiskDecision,
} from './index.js';

// The type half of the surface: this fails to typecheck if a public type disappears.
export type PublicTypes = [
  CommandVerdict,
  FiredRule,
  LimitUsage,
  RiskDecision,
  RiskLimitName,
  RiskLimits,
  RiskLimitsInput,
  RiskRuleId,
  RiskStatus,
  RuleEffect,
  SymbolAction,
  SymbolRiskDecision,
];

it('exports a stable public surface', async () => {
  const surface = Object.keys(await import('./index.js')).sort();
  expect(surface).toMatchSnapshot();
});
