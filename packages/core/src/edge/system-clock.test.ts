import { describe, expect, it } from 'vitest';
import { SystemClock } from './system-clock.js';

describe('SystemClock', () => {
  it('reads the real time as integer microseconds since the Unix epoch', () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now();
    const after = Date.now();
    expect(Number.isInteger(now)).toBe(true);
    // Same instant as the OS wall clock, in microseconds (a millisecond clock brackets it; 50 ms
    // of slack for the monotonic/wall offset a long-running process may build up).
    expect(now).toBeGreaterThanOrEqual((before - 50) * 1000);
    expect(now).toBeLessThanOrEqual((after + 50) * 1000);
  });

  it('never goes backwards, even if the timer reads earlier than before', () => {
    const clock = new SystemClock();
    const first = clock.now();
    const original = performance.now.bind(performance);
    // A stepped-back reading (as after an OS clock step): the clock holds its last value.
    performance.now = () => original() - 60_000;
    try {
      expect(clock.now()).toBe(first);
    } finally {
      performance.now = original;
    }
    expect(clock.now()).toBeGreaterThanOrEqual(first);
  });

  it('is a separate entry: the pure main entry does not export it', async () => {
    const main = await import('../index.js');
    expect(Object.keys(main)).not.toContain('SystemClock');
    const edge = await import('./index.js');
    expect(Object.keys(edge).sort()).toEqual(['SystemClock']);
  });
});
