import { MICROS_PER_MILLI, utcDayStart } from '@mm/core';
import type { AccountState } from './account-ledger.js';
import { plainDecimal } from './wire-format.js';

export const SCHEDULE_CANCEL_MIN_VOLUME_USD = 1_000_000;
const MIN_LEAD_MS = 5_000;
const MAX_TRIGGERS_PER_DAY = 10;

/**
 * `scheduleCancel` as the venue rules it: only after $1M traded (unless the venue is configured to
 * allow it), at least 5 s ahead, at most 10 triggers per UTC day; no time clears it. Sets the
 * account's switch and returns undefined, or returns the venue's refusal.
 */
export function setDeadMansSwitch(
  account: AccountState,
  timeMs: number | undefined,
  nowMs: number,
  allowWithoutVolume: boolean,
): string | undefined {
  if (!allowWithoutVolume && account.tradedVolumeUsd < SCHEDULE_CANCEL_MIN_VOLUME_USD) {
    return `Cannot set scheduled cancel time until enough volume traded. Required: $${SCHEDULE_CANCEL_MIN_VOLUME_USD}. Traded: $${plainDecimal(account.tradedVolumeUsd, 5)}.`;
  }
  if (timeMs === undefined) {
    account.scheduledCancelAtMs = undefined;
    return undefined;
  }
  if (timeMs < nowMs + MIN_LEAD_MS) return 'Scheduled cancel time too early, must be at least 5 seconds from now.';
  const day = utcDayStart(nowMs * MICROS_PER_MILLI);
  if (account.scheduledCancelDay === day && account.scheduledCancelTriggers >= MAX_TRIGGERS_PER_DAY) {
    return 'Too many scheduled cancel triggers today.';
  }
  account.scheduledCancelAtMs = timeMs;
  return undefined;
}

/** Accounts whose switch is due at `nowMs`: each is disarmed and its daily trigger count moves on. */
export function triggerDueSwitches(accounts: readonly AccountState[], nowMs: number): AccountState[] {
  const due: AccountState[] = [];
  const day = utcDayStart(nowMs * MICROS_PER_MILLI);
  for (const account of accounts) {
    if (account.scheduledCancelAtMs === undefined || account.scheduledCancelAtMs > nowMs) continue;
    account.scheduledCancelAtMs = undefined;
    if (account.scheduledCancelDay !== day) {
      account.scheduledCancelDay = day;
      account.scheduledCancelTriggers = 0;
    }
    account.scheduledCancelTriggers += 1;
    due.push(account);
  }
  return due;
}
