import { describe, expect, it } from 'vitest';
import { ManualClock, MICROS_PER_DAY, nanosTextToMicros, utcDayStart } from './clock.js';
import { ClientOrderIdSequence } from './client-order-id.js';

describe('clock', () => {
  it('moves forward only', () => {
    const clock = new ManualClock(10);
    clock.advance(5);
    expect(clock.now()).toBe(15);
    expect(() => clock.set(14)).toThrow(/back/);
  });

  it('converts the data nanoseconds exactly and finds UTC midnight', () => {
    expect(nanosTextToMicros('1723161256093218123')).toBe(1_723_161_256_093_218);
    const t = Date.UTC(2024, 6, 18, 23, 59, 30) * 1000;
    expect(utcDayStart(t)).toBe(Date.UTC(2024, 6, 18) * 1000);
    expect(utcDayStart(t + 60_000_000)).toBe(Date.UTC(2024, 6, 18) * 1000 + MICROS_PER_DAY);
  });

  it('makes distinct cloids in Hyperliquid format', () => {
    const ids = new ClientOrderIdSequence(7);
    const first = ids.nextId();
    expect(first).toMatch(/^0x[0-9a-f]{32}$/);
    expect(ids.nextId()).not.toBe(first);
    expect(new ClientOrderIdSequence(8).nextId()).not.toBe(first);
  });
});
