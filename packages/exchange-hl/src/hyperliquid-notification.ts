import type { AccountSnapshot, Micros } from '@mm/core';

/**
 * Out-of-band news from the adapter that is not an order event: transport failures, budget
 * refusals, the dead man's switch, the watchdog, stale streams and reconnects. The caller logs them
 * and decides (e.g. stop quoting on 'stale').
 */
export type HyperliquidNotification =
  | { type: 'api-error'; action: string; message: string; outcomeUnknown: boolean; timeUs: Micros }
  | { type: 'budget-exceeded'; action: string; weight: number; usedWeight: number; limit: number; timeUs: Micros }
  | { type: 'dead-man-switch-armed'; cancelAtMs: number; timeUs: Micros }
  | { type: 'dead-man-switch-disabled'; reason: string; timeUs: Micros }
  | { type: 'watchdog-fired'; stalledForUs: Micros; timeUs: Micros }
  | { type: 'stale'; symbol: string; silentForUs: Micros; timeUs: Micros }
  | { type: 'reconnected'; snapshot: AccountSnapshot; timeUs: Micros };

export type NotificationHandler = (notification: HyperliquidNotification) => void;
