import type { Unsubscribe } from '@mm/core';

/**
 * A set of handlers; a throwing handler does not stop the others (the adapter must keep running),
 * and its error is handed to `onListenerError`, never swallowed.
 */
export class ListenerSet<T> {
  private readonly handlers = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

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
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
