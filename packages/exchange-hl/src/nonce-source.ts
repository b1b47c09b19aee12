import type { Clock } from '@mm/core';

/**
 * Nonces from the injected clock: milliseconds, strictly increasing even when several actions
 * are signed within one millisecond or the clock stalls (the venue rejects reused nonces).
 */
export class NonceSource {
  private lastNonce = 0;

  constructor(private readonly clock: Clock) {}

  next(): number {
    const clockMs = Math.floor(this.clock.now() / 1000);
    this.lastNonce = Math.max(this.lastNonce + 1, clockMs);
    return this.lastNonce;
  }
}
