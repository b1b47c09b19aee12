import path from 'node:path';
import { RiskManager } from '@mm/risk';
import { BasicStrategy, OrderBudget } from '@mm/strategies';
import { describe, expect, it } from 'vitest';
import { loadBotConfig } from './config/bot-config.js';
import { botRiskLimits } from './risk-settings.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** The worst risk status over ten minutes of a sender spending `budget` greedily (a place every chance). */
function worstStatusWhileSpending(risk: RiskManager, budget: OrderBudget): string {
  const order = ['NORMAL', 'WARNING', 'CRITICAL', 'HALT'];
  let worst = 'NORMAL';
  for (let time = 0; time < 600_000_000; time += 100_000) {
    if (budget.available(time) > 0) {
      budget.spend(1, time);
      risk.onOrderSent(time);
    }
    const status = risk.evaluate(time).status;
    if (order.indexOf(status) > order.indexOf(worst)) worst = status;
  }
  return worst;
}

describe('risk limits at the default settings', () => {
  // The rule: a bot whose strategies spend no more than their own order budgets is NORMAL;
  // WARNING is for orders beyond them.
  const { config } = loadBotConfig({}, repositoryRoot);
  const defaultBudget = new BasicStrategy({ symbol: 'BTC' }).config.orderBudgetPerMinute;

  it('the default bot spending its whole order budget is NORMAL, not WARNING', () => {
    const risk = new RiskManager(botRiskLimits(config, [defaultBudget]));
    expect(worstStatusWhileSpending(risk, new OrderBudget(defaultBudget))).toBe('NORMAL');
  });

  it('orders beyond the budget (twice the rate) raise WARNING or worse', () => {
    const risk = new RiskManager(botRiskLimits(config, [defaultBudget]));
    expect(worstStatusWhileSpending(risk, new OrderBudget(defaultBudget * 2))).not.toBe('NORMAL');
  });

  it('the old fixed limit of 60/min made the same normal bot WARNING (what this sizing fixes)', () => {
    const risk = new RiskManager({ ...botRiskLimits(config, [defaultBudget]), maxOrdersPerMinute: 60 });
    expect(worstStatusWhileSpending(risk, new OrderBudget(defaultBudget))).toBe('WARNING');
  });

  it('grows with the number of assets quoted (each strategy has its own budget)', () => {
    const one = botRiskLimits(config, [defaultBudget]).maxOrdersPerMinute!;
    const two = botRiskLimits(config, [defaultBudget, defaultBudget]).maxOrdersPerMinute!;
    expect(one).toBe(87); // 43 orders a minute at most (burst 7 + 36) under the 50% warning share
    expect(two).toBe(173); // 86 under 50%
  });
});
