import type { Micros } from '@mm/core';

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
  /** The streams are back; the engine's reconcile (asked for with it) settles what was missed. */
  | { type: 'reconnected'; timeUs: Micros }
  /** A venue message that failed its schema: counted, its raw text kept (long hex redacted), a reconcile asked for. */
  | { type: 'malformed-message'; channel: string; raw: string; problem: string; timeUs: Micros }
  /** A consumer's handler threw; delivery to the others went on. */
  | { type: 'listener-error'; channel: string; message: string; timeUs: Micros };

export type NotificationHandler = (notification: HyperliquidNotification) => void;
