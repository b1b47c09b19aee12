import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, planFaults, seededRandom } from './fault-plan.js';

describe('fault plan', () => {
  it('repeats exactly for a seed and differs for another', () => {
    expect(planFaults(50, 7)).toEqual(planFaults(50, 7));
    expect(planFaults(50, 7)).not.toEqual(planFaults(50, 8));
  });

  it('draws every kind over a long plan, within the venue control bounds', () => {
    const plan = planFaults(1_000, 1);
    expect(plan).toHaveLength(1_000);
    expect(new Set(plan.map((fault) => fault.kind))).toEqual(new Set(FAULT_KINDS));
    for (const fault of plan) {
      expect(fault.holdMs).toBeGreaterThanOrEqual(0);
      expect(fault.holdMs).toBeLessThanOrEqual(9_000);
      // /control refuses a delay over 60 s and counts over 10,000.
      expect(fault.size).toBeGreaterThanOrEqual(1);
      expect(fault.size).toBeLessThanOrEqual(60_000);
    }
    // A stale feed must outlast the adapter's 5 s threshold to be a stale feed at all.
    for (const fault of plan.filter((planned) => planned.kind === 'staleFeed')) expect(fault.holdMs).toBeGreaterThan(5_000);
  });

  it('draws uniform numbers in [0, 1)', () => {
    const random = seededRandom(42);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
