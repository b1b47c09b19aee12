import { instanceIdOfClientOrderId, MmError, type OpenOrder } from '@mm/core';

const hex = (instanceId: number) => `0x${instanceId.toString(16).padStart(8, '0')}`;

/** Orders of another bot (another journal) rest on this account: starting would cancel them. */
export class OtherInstanceError extends MmError {
  constructor(ownInstanceId: number, others: ReadonlyMap<number, readonly string[]>) {
    const [first, orders] = [...others.entries()][0]!;
    const names = [...others.keys()].map(hex).join(', ');
    super(
      `bot instance ${names} has ${orders.length} open order(s) on this account (e.g. ${orders[0]}); this bot is instance ${hex(ownInstanceId)} (its JOURNAL_PATH). ` +
        `Two bots on one key cancel each other's orders and book each other's fills: stop the other bot, or if it is gone for good cancel its orders on the venue, then start again`,
      { code: 'OTHER_INSTANCE', context: { ownInstanceId: hex(ownInstanceId), otherInstanceId: hex(first), orders: [...orders] } },
    );
  }
}

/**
 * The venue-side half of the single-instance rule (the journal lock is the local half): every
 * client order id carries its bot's instance id, so orders resting at start that carry another
 * one belong to a different bot on the same key. Orders without one (placed by hand, or by an
 * older build) are left to the engine's unknown-order policy.
 */
export function refuseOtherInstances(openOrders: readonly OpenOrder[], ownInstanceId: number): void {
  const others = new Map<number, string[]>();
  for (const order of openOrders) {
    const instanceId = instanceIdOfClientOrderId(order.clientOrderId);
    if (instanceId === undefined || instanceId === ownInstanceId) continue;
    const list = others.get(instanceId) ?? [];
    list.push(order.clientOrderId);
    others.set(instanceId, list);
  }
  if (others.size > 0) throw new OtherInstanceError(ownInstanceId, others);
}
