import { REJECT_MESSAGES } from '@mm/sim-exchange';

/**
 * Per-order refusals in the venue's words, beyond those the matching engine produces
 * (`REJECT_MESSAGES`: tick, minimum value, ALO cross, unknown order, IOC). Sources:
 * - tick, minimum value, zero size, reduce-only, IOC, margin: the official "Error responses" page
 *   (../shared/venues/hyperliquid.md §3.4); the ` asset=N` the venue appends to them is in real
 *   answers quoted in public issue threads, e.g. `Insufficient margin to place order. asset=15`
 *   (nomeida/hyperliquid#99) and the IocCancel/MinTradeNtl/Tick/ReduceOnly fixtures of public HL clients.
 * - price band: `Order price cannot be more than 95% away from the reference price`, as quoted in
 *   issue 13 and in public HL client fixtures (no asset suffix there; ccxt's exception table still
 *   has the older "80%" text).
 * - builder: `Builder fee has not been approved.` (hummingbot/hummingbot#8449, nautilus_trader#4241).
 * - modify of a dead order: the venue's text (ccxt static response fixtures).
 */
export const VENUE_REJECTS = {
  ...REJECT_MESSAGES,
  zeroSize: 'Order has zero size.',
  reduceOnly: 'Reduce only order would increase position.',
  margin: 'Insufficient margin to place order.',
  priceBand: 'Order price cannot be more than 95% away from the reference price',
  builderNotApproved: 'Builder fee has not been approved.',
  modifyDeadOrder: 'Cannot modify canceled or filled order',
  /** Ours: the venue lists one market. */
  asset: (asset: number) => `Invalid asset ${asset}.`,
  /** Ours: trigger (TP/SL) orders are not simulated. */
  trigger: 'Trigger orders are not supported by the local venue.',
} as const;

/**
 * `updateLeverage` refusals. The switch and decrease texts are the venue's (quoted in public HL
 * client code and notes on the venue's strings); `invalidLeverage` is ours.
 */
export const LEVERAGE_REJECTS = {
  switchTypeWithPosition: 'Cannot switch leverage type with open position.',
  crossDecrease:
    'Cross position does not have sufficient margin available to decrease leverage. To decrease leverage, deposit more collateral.',
  isolatedDecrease:
    'Isolated position does not have sufficient margin available to decrease leverage. To decrease leverage, add margin to the position.',
  invalidLeverage: 'Invalid leverage value.',
} as const;

/** Refusals the venue ends with ` asset=N` (the ALO and unknown-order texts carry it already). */
const SUFFIXED: readonly string[] = [
  VENUE_REJECTS.tick,
  VENUE_REJECTS.minNotional,
  VENUE_REJECTS.iocNoMatch,
  VENUE_REJECTS.margin,
  VENUE_REJECTS.reduceOnly,
];

/** `reason` as the venue writes it for an order on `asset`. */
export function withAsset(reason: string, asset: number): string {
  return SUFFIXED.includes(reason) ? `${reason} asset=${asset}` : reason;
}

/** The `orderStatus`/`orderUpdates` status name of a refused order. */
export function rejectionStatus(reason: string): string {
  if (reason.startsWith('Post only')) return 'badAloPxRejected';
  if (reason.startsWith(VENUE_REJECTS.tick)) return 'tickRejected';
  if (reason.startsWith(VENUE_REJECTS.minNotional)) return 'minTradeNtlRejected';
  if (reason.startsWith(VENUE_REJECTS.iocNoMatch)) return 'iocCancelRejected';
  if (reason.startsWith(VENUE_REJECTS.margin)) return 'perpMarginRejected';
  if (reason.startsWith(VENUE_REJECTS.reduceOnly)) return 'reduceOnlyRejected';
  return 'rejected';
}
