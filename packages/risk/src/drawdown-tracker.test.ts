import { describe, expect, it } from 'vitest';
import { DrawdownTracker } from './drawdown-tracker.js';

describe('DrawdownTracker', () => {
  it('measures the fall from the running peak and keeps the largest (a known series)', () => {
    // Peaks 10 then 12; troughs 4 (drawdown 6) then 9 (drawdown 3): max drawdown 6, current 12 - 11 = 1.
    const tracker = new DrawdownTracker();
    for (const value of [5, 10, 7, 4, 8, 12, 9, 11]) tracker.observe(value);
    expect(tracker.peak).toBe(12);
    expect(tracker.drawdown).toBe(1);
    expect(tracker.maxDrawdown).toBe(6);
  });

  it('starts from a given value: a PnL since start that only falls has drawn down from 0', () => {
    const fromZero = new DrawdownTracker(0);
    fromZero.observe(-3);
    expect(fromZero.maxDrawdown).toBe(3);
    const unseeded = new DrawdownTracker();
    unseeded.observe(-3);
    expect(unseeded.maxDrawdown).toBe(0);
    expect(new DrawdownTracker().drawdown).toBe(0);
  });

  it('restarts the peak at the last value, keeping the largest drawdown seen', () => {
    const tracker = new DrawdownTracker();
    for (const value of [100, 80]) tracker.observe(value);
    tracker.restartPeak();
    expect(tracker.drawdown).toBe(0);
    tracker.observe(75);
    expect(tracker.drawdown).toBe(5);
    expect(tracker.maxDrawdown).toBe(20);
  });
});
