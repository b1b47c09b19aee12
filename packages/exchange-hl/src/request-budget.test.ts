import { ManualClock, MICROS_PER_SECOND } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestBudget } from './request-budget.js';
import { exchangeActionWeight, infoItemSurcharge, infoRequestWeight } from './request-weight.js';

describe('request weights', () => {
  it('weighs exchange actions 1 + floor(n/40)', () => {
    expect(exchangeActionWeight(1)).toBe(1);
    expect(exchangeActionWeight(39)).toBe(1);
    expect(exchangeActionWeight(40)).toBe(2);
    expect(exchangeActionWeight(80)).toBe(3);
  });

  it('weighs info requests per the rate-limit table', () => {
    expect(infoRequestWeight('l2Book')).toBe(2);
    expect(infoRequestWeight('clearinghouseState')).toBe(2);
    expect(infoRequestWeight('openOrders')).toBe(20);
    expect(infoRequestWeight('userRole')).toBe(60);
    expect(infoItemSurcharge(45)).toBe(2);
  });
});

describe('RequestBudget', () => {
  it('refuses a burst beyond 1200 per minute and frees weight as the window slides', () => {
    const clock = new ManualClock(1_000 * MICROS_PER_SECOND);
    const budget = new RequestBudget(clock);
    let accepted = 0;
    for (let i = 0; i < 2000; i += 1) if (budget.tryConsume(1)) accepted += 1;
    expect(accepted).toBe(1200);
    expect(budget.tryConsume(1)).toBe(false);
    clock.advance(60 * MICROS_PER_SECOND);
    expect(budget.tryConsume(1)).toBe(true);
  });

  it('never exceeds the limit in any 60 s window under random bursts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gapUs: fc.integer({ min: 0, max: 5 * MICROS_PER_SECOND }), weight: fc.integer({ min: 1, max: 25 }) }), {
          maxLength: 600,
        }),
        (requests) => {
          const clock = new ManualClock(0);
          const budget = new RequestBudget(clock);
          const accepted: { timeUs: number; weight: number }[] = [];
          for (const request of requests) {
            clock.advance(request.gapUs);
            if (budget.tryConsume(request.weight)) accepted.push({ timeUs: clock.now(), weight: request.weight });
          }
          for (const start of accepted) {
            const inWindow = accepted
              .filter((entry) => entry.timeUs >= start.timeUs && entry.timeUs < start.timeUs + 60 * MICROS_PER_SECOND)
              .reduce((sum, entry) => sum + entry.weight, 0);
            expect(inWindow).toBeLessThanOrEqual(1200);
          }
        },
      ),
    );
  });

  it('lets post-hoc surcharges block later requests instead of overdrawing further', () => {
    const clock = new ManualClock(0);
    const budget = new RequestBudget(clock, 100);
    expect(budget.tryConsume(90)).toBe(true);
    budget.charge(20);
    expect(budget.usedWeight()).toBe(110);
    expect(budget.tryConsume(1)).toBe(false);
  });
});
