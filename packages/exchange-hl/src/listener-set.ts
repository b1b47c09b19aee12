import type { Unsubscribe } from '@mm/core';

/** A set of handlers; a throwing handler does not stop the others (the adapter must keep running). */
export class ListenerSet<T> {
  private readonly handlers = new Set<(value: T) => void>();

  add(handler: (value: T) => void): Unsubscribe {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  emit(value: T): void {
    for (const handler of [...this.handlers]) {
      try {
        handler(value);
      } catch {
        // A faulty consumer must not break event delivery to the others.
      }
    }
  }
}
