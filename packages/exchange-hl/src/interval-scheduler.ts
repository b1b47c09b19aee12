/** Timers behind an interface so tests drive the dead man's switch, watchdog and stale checks by hand. */
export interface IntervalScheduler {
  setInterval(callback: () => void, intervalMs: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemScheduler: IntervalScheduler = {
  setInterval(callback, intervalMs) {
    const handle = setInterval(callback, intervalMs);
    // Timers of an adapter must not keep a process alive on their own.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearInterval(handle) {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
};

/** A scheduler whose intervals fire only when `fire()` is called: deterministic tests. */
export class ManualScheduler implements IntervalScheduler {
  private readonly timers = new Map<number, { callback: () => void; intervalMs: number }>();
  private nextHandle = 1;

  setInterval(callback: () => void, intervalMs: number): unknown {
    const handle = this.nextHandle;
    this.nextHandle += 1;
    this.timers.set(handle, { callback, intervalMs });
    return handle;
  }

  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Runs every interval callback once (or only those with the given period). */
  fire(intervalMs?: number): void {
    for (const timer of [...this.timers.values()]) {
      if (intervalMs === undefined || timer.intervalMs === intervalMs) timer.callback();
    }
  }

  get activeCount(): number {
    return this.timers.size;
  }
}
