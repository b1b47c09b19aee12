import { describe, expect, it } from 'vitest';
import { dailyVolumes, feeRatesFor, type DailyVolume } from './fee-schedule.js';
import type { WireFill } from './wire-types.js';

const day = (userCross: number, userAdd: number, exchange: number): DailyVolume => ({ date: '2026-01-02', userCross, userAdd, exchange });

describe('fee tiers (official schedule)', () => {
  it('a new account pays the base tier: 0.045 % taker, 0.015 % maker', () => {
    expect(feeRatesFor([])).toEqual({ cross: 0.00045, add: 0.00015 });
  });

  it('14-day volume above $5M and $25M moves the account up the VIP tiers', () => {
    expect(feeRatesFor([day(3_000_000, 2_500_000, 1e12)])).toEqual({ cross: 0.0004, add: 0.00012 });
    expect(feeRatesFor([day(20_000_000, 0, 1e12), day(6_000_000, 0, 1e12)])).toEqual({ cross: 0.00035, add: 0.00008 });
  });

  it('a maker share above 0.5 %, 1.5 % and 3 % of the exchange earns the rebate tiers', () => {
    expect(feeRatesFor([day(0, 6_000, 1_000_000)]).add).toBe(-0.00001);
    expect(feeRatesFor([day(0, 20_000, 1_000_000)]).add).toBe(-0.00002);
    expect(feeRatesFor([day(0, 40_000, 1_000_000)]).add).toBe(-0.00003);
    expect(feeRatesFor([day(0, 4_000, 1_000_000)]).add).toBe(0.00015);
  });

  it('counts only the last 14 UTC days of fills, taker and maker apart', () => {
    const now = Date.UTC(2026, 0, 20, 12);
    const fill = (time: number, crossed: boolean) => ({ time, px: '100000.0', sz: '0.1', crossed }) as WireFill;
    const days = dailyVolumes(
      [fill(Date.UTC(2026, 0, 1), true), fill(Date.UTC(2026, 0, 20), true), fill(Date.UTC(2026, 0, 20, 1), false)],
      new Map(),
      now,
    );
    expect(days).toEqual([{ date: '2026-01-20', userCross: 10_000, userAdd: 10_000, exchange: 0 }]);
  });
});
