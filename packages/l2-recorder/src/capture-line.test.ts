import { describe, expect, it } from 'vitest';
import { formatCaptureLine } from './capture-line.js';
import { createReceiveClock } from './receive-clock.js';

describe('formatCaptureLine', () => {
  it('writes `<ns> <frame>\\n` like ../shared/data', () => {
    expect(formatCaptureLine(1737849600123456789n, '{"channel":"trades","data":[]}')).toBe(
      '1737849600123456789 {"channel":"trades","data":[]}\n',
    );
  });
  it('refuses a frame with a line break', () => {
    expect(() => formatCaptureLine(1n, '{\n}')).toThrow(/line break/);
  });
  it('receive clock gives increasing integer nanoseconds near the wall clock', () => {
    const clock = createReceiveClock();
    const a = clock.nowNanos();
    const b = clock.nowNanos();
    expect(b > a).toBe(true);
    expect(String(a)).toMatch(/^\d{19}$/);
  });
});
