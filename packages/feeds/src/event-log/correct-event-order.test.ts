import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctEventOrder } from './correct-event-order.js';
import { EventBuffer } from './event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags } from './event-row.js';

function buffer(events: Array<[exch: number, local: number]>): EventBuffer {
  const rows = new EventBuffer();
  events.forEach(([exch, local], index) => rows.push(eventFlags(EventKind.BidLevel, EXCHANGE_EVENT | LOCAL_EVENT), exch, local, index, 1));
  return rows;
}

describe('correctEventOrder', () => {
  it('keeps in-order events as one row each', () => {
    const out = correctEventOrder(
      buffer([
        [1, 5],
        [2, 6],
        [3, 7],
      ]),
    );
    expect(out.length).toBe(3);
    expect(Array.from(out.flags.slice(0, 3), (flags) => flags & 3)).toEqual([3, 3, 3]);
  });

  it('splits an event received in a different order than the venue stamped it', () => {
    // Event 1 happened before event 0 at the venue but was received after it.
    const out = correctEventOrder(
      buffer([
        [5, 10],
        [3, 11],
        [6, 12],
      ]),
    );
    const rows = Array.from({ length: out.length }, (_, index) => [out.priceTicks[index], out.flags[index]! & 3]);
    expect(rows).toEqual([
      [1, EXCHANGE_EVENT],
      [0, EXCHANGE_EVENT | LOCAL_EVENT],
      [1, LOCAL_EVENT],
      [2, EXCHANGE_EVENT | LOCAL_EVENT],
    ]);
  });

  it('sorts each timeline and delivers every event once to each', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 20 })), { maxLength: 80 }), (pairs) => {
        // Receive order is sorted by local time, as captures are.
        const events = pairs.map(([exch, delay]) => [exch, exch + delay] as [number, number]).sort((a, b) => a[1] - b[1]);
        const out = correctEventOrder(buffer(events));
        for (const [delivery, times] of [
          [EXCHANGE_EVENT, out.exchTimeUs],
          [LOCAL_EVENT, out.localTimeUs],
        ] as const) {
          const seen: number[] = [];
          let last = Number.NEGATIVE_INFINITY;
          for (let index = 0; index < out.length; index += 1) {
            if ((out.flags[index]! & delivery) === 0) continue;
            expect(times[index]!).toBeGreaterThanOrEqual(last);
            last = times[index]!;
            seen.push(out.priceTicks[index]!);
          }
          expect(seen.sort((a, b) => a - b)).toEqual(events.map((_, index) => index));
        }
      }),
    );
  });
});
