import { REJECT_MESSAGES } from '@mm/sim-exchange';

/**
 * Per-order refusals in the venue's words, beyond those the matching engine produces
 * (`REJECT_MESSAGES`: tick, minimum value, ALO cross, unknown order, IOC).
 */
export const VENUE_REJECTS = {
  ...REJECT_MESSAGES,
  zeroSize: 'Order has zero size.',
  reduceOnly: 'Reduce only order would increase position.',
  margin: 'Insufficient margin to place order.',
  modifyDeadOrder: 'Cannot modify canceled or filled order',
  /** Ours: the venue lists one market. */
  asset: (asset: number) => `Invalid asset ${asset}.`,
  /** Ours: trigger (TP/SL) orders are not simulated. */
  trigger: 'Trigger orders are not supported by the local venue.',
} as const;

/** The `orderStatus`/`orderUpdates` status name of a refused order. */
export function rejectionStatus(reason: string): string {
  if (reason.startsWith('Post only')) return 'badAloPxRejected';
  if (reason === VENUE_REJECTS.tick) return 'tickRejected';
  if (reason === VENUE_REJECTS.minNotional) return 'minTradeNtlRejected';
  if (reason === VENUE_REJECTS.iocNoMatch) return 'iocCancelRejected';
  if (reason === VENUE_REJECTS.margin) return 'perpMarginRejected';
  if (reason === VENUE_REJECTS.reduceOnly) return 'reduceOnlyRejected';
  return 'rejected';
}
