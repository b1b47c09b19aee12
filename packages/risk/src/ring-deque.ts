const MIN_CAPACITY = 8;

/**
 * A double-ended queue on a circular array. Rolling windows push at the back and prune expired
 * entries at the front, so memory follows what is inside the window: the array doubles when full
 * and halves when three quarters empty, instead of growing with everything ever seen.
 */
export class RingDeque<T> {
  private slots: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(initialCapacity = MIN_CAPACITY) {
    this.slots = new Array<T | undefined>(Math.max(MIN_CAPACITY, Math.ceil(initialCapacity)));
  }

  get size(): number {
    return this.count;
  }

  /** Slots allocated; exposed so tests can show that pruning gives memory back. */
  get capacity(): number {
    return this.slots.length;
  }

  pushBack(item: T): void {
    if (this.count === this.slots.length) this.resize(this.slots.length * 2);
    this.slots[(this.head + this.count) % this.slots.length] = item;
    this.count += 1;
  }

  popFront(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.slots.length;
    this.count -= 1;
    this.shrinkIfSparse();
    return item;
  }

  popBack(): T | undefined {
    if (this.count === 0) return undefined;
    const index = (this.head + this.count - 1) % this.slots.length;
    const item = this.slots[index];
    this.slots[index] = undefined;
    this.count -= 1;
    this.shrinkIfSparse();
    return item;
  }

  peekFront(): T | undefined {
    return this.count === 0 ? undefined : this.slots[this.head];
  }

  peekBack(): T | undefined {
    return this.count === 0 ? undefined : this.slots[(this.head + this.count - 1) % this.slots.length];
  }

  /** The item `index` places from the front (0 is the oldest), or undefined outside the deque. */
  at(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.slots[(this.head + index) % this.slots.length];
  }

  private shrinkIfSparse(): void {
    if (this.slots.length > MIN_CAPACITY && this.count <= this.slots.length / 4) {
      this.resize(Math.max(MIN_CAPACITY, this.slots.length / 2));
    }
  }

  private resize(capacity: number): void {
    const next = new Array<T | undefined>(capacity);
    for (let index = 0; index < this.count; index += 1) next[index] = this.slots[(this.head + index) % this.slots.length];
    this.slots = next;
    this.head = 0;
  }
}
