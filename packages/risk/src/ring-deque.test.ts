import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingDeque } from './ring-deque.js';

describe('RingDeque', () => {
  it('pushes at the back and pops at both ends', () => {
    const deque = new RingDeque<number>();
    for (let value = 1; value <= 20; value += 1) deque.pushBack(value);
    expect(deque.size).toBe(20);
    expect(deque.peekFront()).toBe(1);
    expect(deque.peekBack()).toBe(20);
    expect(deque.popFront()).toBe(1);
    expect(deque.popBack()).toBe(20);
    expect(deque.at(0)).toBe(2);
    expect(deque.at(17)).toBe(19);
    expect(deque.at(18)).toBeUndefined();
  });

  it('gives memory back when pruned', () => {
    const deque = new RingDeque<number>();
    for (let value = 0; value < 1000; value += 1) deque.pushBack(value);
    const peak = deque.capacity;
    while (deque.size > 2) deque.popFront();
    expect(deque.capacity).toBeLessThan(peak / 16);
    expect([deque.at(0), deque.at(1)]).toEqual([998, 999]);
  });

  it('behaves like an array under any sequence of operations', () => {
    const operation = fc.oneof(
      fc.record({ type: fc.constant('push' as const), value: fc.integer() }),
      fc.record({ type: fc.constant('popFront' as const) }),
      fc.record({ type: fc.constant('popBack' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const deque = new RingDeque<number>();
        const model: number[] = [];
        for (const op of operations) {
          if (op.type === 'push') {
            deque.pushBack(op.value);
            model.push(op.value);
          } else if (op.type === 'popFront') {
            expect(deque.popFront()).toBe(model.shift());
          } else {
            expect(deque.popBack()).toBe(model.pop());
          }
          expect(deque.size).toBe(model.length);
          expect(deque.peekFront()).toBe(model[0]);
          expect(deque.peekBack()).toBe(model[model.length - 1]);
        }
        expect(Array.from({ length: deque.size }, (_, index) => deque.at(index))).toEqual(model);
      }),
    );
  });
});
