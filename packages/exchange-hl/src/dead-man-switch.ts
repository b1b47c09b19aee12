import type { Clock } from '@mm/core';
import type { BulkOutcome } from './bulk-outcome.js';
import type { HyperliquidNotification } from './hyperliquid-notification.js';

/** The venue's refusal below $1M lifetime volume: permanent for this account, so we stop asking. */
const VOLUME_GATE = /Cannot set scheduled cancel time|\$1000000/;

/**
 * Hyperliquid's `scheduleCancel`, renewed ahead of time: every renewal moves the cancel-all to
 * `cancelAfterMs` from now, so it only fires if we stop renewing (process dead or cut off).
 */
export class DeadMansSwitch {
  private active = true;

  constructor(
    private readonly options: {
      clock: Clock;
      cancelAfterMs: number;
      schedule: (timeMs: number | undefined) => Promise<BulkOutcome>;
      notify: (notification: HyperliquidNotification) => void;
    },
  ) {}

  get enabled(): boolean {
    return this.active;
  }

  async renew(): Promise<void> {
    if (!this.active) return;
    const nowUs = this.options.clock.now();
    const cancelAtMs = Math.floor(nowUs / 1000) + this.options.cancelAfterMs;
    const outcome = await this.options.schedule(cancelAtMs);
    const timeUs = this.options.clock.now();
    if (outcome.kind === 'statuses') {
      this.options.notify({ type: 'dead-man-switch-armed', cancelAtMs, timeUs });
      return;
    }
    if (outcome.kind === 'rejected' && VOLUME_GATE.test(outcome.reason)) {
      this.active = false;
      this.options.notify({ type: 'dead-man-switch-disabled', reason: outcome.reason, timeUs });
      return;
    }
    this.options.notify({
      type: 'api-error',
      action: 'scheduleCancel',
      message: outcome.reason,
      outcomeUnknown: outcome.kind === 'unknown',
      timeUs,
    });
  }

  /** Clears the venue timer (on an orderly stop), so a stopped bot does not later cancel a new one's orders. */
  async clear(): Promise<void> {
    if (!this.active) return;
    await this.options.schedule(undefined);
  }
}
