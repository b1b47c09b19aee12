import type { Clock } from '@mm/core';
import type { BulkOutcome } from './bulk-outcome.js';
import type { HyperliquidNotification } from './hyperliquid-notification.js';

/** What the switch is doing, for status reports: a refusal at start must not go unseen. */
export type DeadMansSwitchState =
  | { status: 'off'; reason: string }
  | { status: 'not-armed-yet' }
  | { status: 'armed'; cancelAtMs: number; renewedAtUs: number }
  | { status: 'disabled'; reason: string; sinceUs: number }
  | { status: 'failing'; reason: string; sinceUs: number };

/** One line for a status report. */
export function describeDeadMansSwitch(state: DeadMansSwitchState): string {
  switch (state.status) {
    case 'off':
      return `off (${state.reason})`;
    case 'not-armed-yet':
      return 'not armed yet';
    case 'armed':
      return `armed: the venue cancels all at ${new Date(state.cancelAtMs).toISOString()} unless renewed`;
    case 'disabled':
      return `DISABLED by the venue: ${state.reason}`;
    case 'failing':
      return `FAILING to renew: ${state.reason}`;
  }
}

/** The venue's refusal below $1M lifetime volume: permanent for this account, so we stop asking. */
const VOLUME_GATE = /Cannot set scheduled cancel time|\$1000000/;

/**
 * Hyperliquid's `scheduleCancel`, renewed ahead of time: every renewal moves the cancel-all to
 * `cancelAfterMs` from now, so it only fires if we stop renewing (process dead or cut off).
 */
export class DeadMansSwitch {
  private active = true;
  private current: DeadMansSwitchState = { status: 'not-armed-yet' };

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

  get state(): DeadMansSwitchState {
    return this.current;
  }

  async renew(): Promise<void> {
    if (!this.active) return;
    const nowUs = this.options.clock.now();
    const cancelAtMs = Math.floor(nowUs / 1000) + this.options.cancelAfterMs;
    const outcome = await this.options.schedule(cancelAtMs);
    const timeUs = this.options.clock.now();
    if (outcome.kind === 'statuses') {
      this.current = { status: 'armed', cancelAtMs, renewedAtUs: timeUs };
      this.options.notify({ type: 'dead-man-switch-armed', cancelAtMs, timeUs });
      return;
    }
    if (outcome.kind === 'rejected' && VOLUME_GATE.test(outcome.reason)) {
      this.active = false;
      this.current = { status: 'disabled', reason: outcome.reason, sinceUs: timeUs };
      this.options.notify({ type: 'dead-man-switch-disabled', reason: outcome.reason, timeUs });
      return;
    }
    // A timer armed earlier still runs until its time: failing, not off, until then.
    if (this.current.status !== 'failing') this.current = { status: 'failing', reason: outcome.reason, sinceUs: timeUs };
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
