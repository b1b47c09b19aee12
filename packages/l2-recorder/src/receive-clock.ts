/**
 * Local receive time in integer nanoseconds since the Unix epoch, as decimal text (it does not fit
 * a JS number). Anchored once to the wall clock, then advanced by the monotonic `hrtime`: no float
 * noise, and an NTP step during a run cannot make lines go backwards.
 */
export interface ReceiveClock {
  nowNanos(): bigint;
}

export function createReceiveClock(): ReceiveClock {
  const anchorWallNanos = BigInt(Date.now()) * 1_000_000n;
  const anchorMonotonic = process.hrtime.bigint();
  let last = 0n;
  return {
    nowNanos() {
      const now = anchorWallNanos + (process.hrtime.bigint() - anchorMonotonic);
      // Strictly increasing, so every line's time is unique and ordered.
      last = now > last ? now : last + 1n;
      return last;
    },
  };
}

/** Nanoseconds → milliseconds (truncated), for file periods and logs. */
export function nanosToMillis(nanos: bigint): number {
  return Number(nanos / 1_000_000n);
}
