import type { Micros } from '@mm/core';

/**
 * A min-heap of items keyed by (time, insertion sequence): equal times come out in the order they
 * went in, which keeps replays deterministic. Timers, in-flight orders and venue responses of the
 * replay driver all wait here.
 */
export class TimedQueue<Item> {
  private times: number[] = [];
  private sequences: number[] = [];
  private items: Item[] = [];
  private nextSequence = 0;

  get size(): number {
    return this.items.length;
  }

  /** Time of the earliest item, or +Infinity when empty (so `while (queue.peekTime() <= t)` just works). */
  peekTime(): Micros {
    return this.items.length === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
  }

  /** The earliest item without removing it; undefined when empty. */
  peek(): Item | undefined {
    return this.items[0];
  }

  push(time: Micros, item: Item): void {
    let index = this.items.length;
    const sequence = this.nextSequence++;
    this.times.push(time);
    this.sequences.push(sequence);
    this.items.push(item);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(time, sequence, this.times[parent]!, this.sequences[parent]!)) break;
      this.move(parent, index);
      index = parent;
    }
    this.place(index, time, sequence, item);
  }

  /** Removes and returns the earliest item; undefined when empty. */
  pop(): Item | undefined {
    const count = this.items.length;
    if (count === 0) return undefined;
    const top = this.items[0]!;
    const lastTime = this.times.pop()!;
    const lastSequence = this.sequences.pop()!;
    const lastItem = this.items.pop()!;
    if (count > 1) {
      let index = 0;
      const size = count - 1;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= size) break;
        const right = left + 1;
        let child = left;
        if (right < size && this.less(this.times[right]!, this.sequences[right]!, this.times[left]!, this.sequences[left]!)) {
          child = right;
        }
        if (!this.less(this.times[child]!, this.sequences[child]!, lastTime, lastSequence)) break;
        this.move(child, index);
        index = child;
      }
      this.place(index, lastTime, lastSequence, lastItem);
    }
    return top;
  }

  /** Removes every item matching `predicate` (rare: cancelling a timer). */
  removeWhere(predicate: (item: Item) => boolean): number {
    const kept: Array<[number, number, Item]> = [];
    for (let index = 0; index < this.items.length; index += 1) {
      if (!predicate(this.items[index]!)) kept.push([this.times[index]!, this.sequences[index]!, this.items[index]!]);
    }
    const removed = this.items.length - kept.length;
    if (removed > 0) {
      kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      this.times = kept.map((entry) => entry[0]);
      this.sequences = kept.map((entry) => entry[1]);
      this.items = kept.map((entry) => entry[2]);
    }
    return removed;
  }

  private less(timeA: number, sequenceA: number, timeB: number, sequenceB: number): boolean {
    return timeA < timeB || (timeA === timeB && sequenceA < sequenceB);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.sequences[to] = this.sequences[from]!;
    this.items[to] = this.items[from]!;
  }

  private place(index: number, time: number, sequence: number, item: Item): void {
    this.times[index] = time;
    this.sequences[index] = sequence;
    this.items[index] = item;
  }
}
