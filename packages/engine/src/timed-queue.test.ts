import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimedQueue } from './timed-queue.js';

describe('TimedQueue', () => {
  it('pops by time, then by insertion order', () => {
    const queue = new TimedQueue<string>();
    queue.push(5, 'b');
    queue.push(1, 'a');
    queue.push(5, 'c');
    queue.push(3, 'x');
    expect(queue.peekTime()).toBe(1);
    expect([queue.pop(), queue.pop(), queue.pop(), queue.pop(), queue.pop()]).toEqual(['a', 'x', 'b', 'c', undefined]);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('is a stable sort of any sequence of pushes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const queue = new TimedQueue<number>();
        times.forEach((time, index) => queue.push(time, index));
        const popped: number[] = [];
        while (queue.size > 0) popped.push(queue.pop()!);
        const expected = times.map((time, index) => ({ time, index })).sort((a, b) => a.time - b.time || a.index - b.index);
        expect(popped).toEqual(expected.map((entry) => entry.index));
      }),
    );
  });

  it('removes matching items and keeps order', () => {
    const queue = new TimedQueue<string>();
    ['a', 'b', 'c', 'd'].forEach((item, index) => queue.push(10 - index, item));
    expect(queue.removeWhere((item) => item === 'b' || item === 'c')).toBe(2);
    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual(['d', 'a', undefined]);
  });
});
