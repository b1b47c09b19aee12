import { describe, expect, it } from 'vitest';
import { MidVolatility } from './mid-volatility.js';

describe('MidVolatility', () => {
  it('samples on the clock, not per update', () => {
    const volatility = new MidVolatility(1_000_000, 1, 0);
    volatility.observe(100, 0);
    for (let time = 1; time < 1_000_000; time += 1_000) volatility.observe(101, time); // inside the first second
    expect(volatility.sampleCount).toBe(0);
    volatility.observe(101, 1_000_000);
    expect(volatility.sampleCount).toBe(1);
    // Half-life of one sample: the variance is half the new squared return.
    const returnBps = Math.log(101 / 100) * 10_000;
    expect(volatility.volatilityBps).toBeCloseTo(Math.sqrt(0.5 * returnBps * returnBps), 9);
  });

  it('starts from the initial volatility and refuses nonsense settings', () => {
    expect(new MidVolatility(1, 10, 2.5).volatilityBps).toBe(2.5);
    expect(() => new MidVolatility(0, 10, 1)).toThrow(/positive interval/);
  });
});
