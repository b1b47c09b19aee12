import { InvalidInputError, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { SlidingEventCount } from './sliding-event-count.js';

const S = MICROS_PER_SECOND;

describe('SlidingEventCount', () => {
  it('counts events in (now − window, now]: an event exactly one window old has left', () => {
    const count = new SlidingEventCount(MICROS_PER_MINUTE);
    expect(count.record(0)).toBe(1);
    expect(count.record(30 * S)).toBe(2);
    expect(count.countAt(60 * S - 1)).toBe(2);
    expect(count.countAt(60 * S)).toBe(1);
    expect(count.countAt(90 * S)).toBe(0);
  });

  it('slides: old events drop out as new ones arrive', () => {
    const count = new SlidingEventCount(MICROS_PER_MINUTE);
    for (let second = 0; second < 600; second += 10) count.record(second * S);
    expect(count.countAt(590 * S)).toBe(6);
    expect(count.heldCount).toBe(6);
  });

  it('says when the oldest events leave', () => {
    const count = new SlidingEventCount(MICROS_PER_MINUTE);
    count.record(5 * S);
    count.record(20 * S);
    expect(count.timeInWindow(30 * S, 0)).toBe(5 * S);
    expect(count.timeInWindow(70 * S, 0)).toBe(20 * S);
    expect(count.timeInWindow(70 * S, 1)).toBeUndefined();
  });

  it('does not mutate on queries', () => {
    const count = new SlidingEventCount(MICROS_PER_MINUTE);
    count.record(0);
    expect(count.countAt(2 * MICROS_PER_MINUTE)).toBe(0);
    expect(count.heldCount).toBe(1);
  });

  it('rejects a time going backwards and a non-positive window', () => {
    const count = new SlidingEventCount(MICROS_PER_MINUTE);
    count.record(10);
    expect(() => count.record(9)).toThrow(InvalidInputError);
    expect(() => new SlidingEventCount(0)).toThrow(InvalidInputError);
  });
});
