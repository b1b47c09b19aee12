import { describe, expect, it } from 'vitest';
import { AddressRequestBudget } from './address-request-budget.js';

describe('AddressRequestBudget', () => {
  it('counts every item against the cap and lets cancels go further', () => {
    const budget = new AddressRequestBudget();
    budget.update(9_990, 10_000);
    expect(budget.tryConsume(8, false)).toBe(true);
    expect(budget.tryConsume(3, false)).toBe(false); // 9,998 + 3 > 10,000
    expect(budget.tryConsume(3, true)).toBe(true); // cancels: up to 20,000
    expect(budget.usedRequests).toBe(10_001);
  });

  it('raises the cap by one request per USDC traded', () => {
    const budget = new AddressRequestBudget();
    budget.update(10_000, 10_000);
    expect(budget.tryConsume(1, false)).toBe(false);
    budget.onTraded(2.7);
    expect(budget.capRequests).toBe(10_002);
    expect(budget.tryConsume(2, false)).toBe(true);
  });
});
