import { describe, expect, it } from 'vitest';
import { OrderBudget } from './order-budget.js';

describe('OrderBudget', () => {
  it('holds a fifth of a minute as a burst, spends, and refills at the per-minute rate', () => {
    const budget = new OrderBudget(60);
    expect(budget.available(0)).toBe(12);
    budget.spend(12, 0);
    expect(budget.available(0)).toBe(0);
    expect(budget.available(999_999)).toBe(0);
    expect(budget.available(1_000_000)).toBe(1);
    expect(budget.available(10_000_000_000)).toBe(12); // never above the burst
  });

  it('keeps any rolling minute under 1.2 times the rate when spent greedily', () => {
    const budget = new OrderBudget(50);
    const sent: number[] = [];
    for (let time = 0; time < 600_000_000; time += 50_000) {
      const available = budget.available(time);
      if (available > 0) {
        budget.spend(1, time);
        sent.push(time);
      }
    }
    let worst = 0;
    for (let start = 0, end = 0; end < sent.length; end += 1) {
      while (sent[end]! - sent[start]! >= 60_000_000) start += 1;
      worst = Math.max(worst, end - start + 1);
    }
    expect(worst).toBeLessThanOrEqual(60);
  });

  it('says the most it lets through in a rolling minute: a greedy sender comes within one of it, never above', () => {
    const budget = new OrderBudget(36);
    expect(budget.maxOrdersPerRollingMinute).toBe(43); // burst floor(36/5) = 7, plus 36 refilled
    const sent: number[] = [];
    for (let time = 0; time < 600_000_000; time += 10_000) {
      if (budget.available(time) > 0) {
        budget.spend(1, time);
        sent.push(time);
      }
    }
    let worst = 0;
    for (let start = 0, end = 0; end < sent.length; end += 1) {
      while (sent[end]! - sent[start]! >= 60_000_000) start += 1;
      worst = Math.max(worst, end - start + 1);
    }
    expect(worst).toBeLessThanOrEqual(43);
    expect(worst).toBeGreaterThanOrEqual(42);
  });
});
