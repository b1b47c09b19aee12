import type { ClientOrderId, OpenOrder, Side, TimeInForce } from '@mm/core';

export type TrackedOrderState = 'pending' | 'open' | 'closed';

/** Our view of one order, keyed by cloid; oids change on modify, so every oid ever seen maps back. */
export interface TrackedOrder {
  clientOrderId: ClientOrderId;
  symbol: string;
  side: Side;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  priceTicks: number;
  /** Original size (or the size of the latest modify). */
  sizeLots: number;
  filledLots: number;
  /** Lots reported filled by a post response: WS fills of this order absorb them before counting. */
  provisionalFilledLots: number;
  venueOrderId?: string;
  state: TrackedOrderState;
  /** A cancel of ours is in flight: the venue's 'canceled' then reads as 'requested'. */
  cancelRequested: boolean;
  /** A modify is in flight: an 'open' update with a new oid is the modified order. */
  modifyPending: boolean;
}

/** The adapter's own order map: what cancel-all cancels, and how venue updates map to our ids. */
export class OrderRegistry {
  private readonly byCloid = new Map<ClientOrderId, TrackedOrder>();
  private readonly cloidByOid = new Map<string, ClientOrderId>();

  add(order: Omit<TrackedOrder, 'filledLots' | 'provisionalFilledLots' | 'state' | 'cancelRequested' | 'modifyPending'>): TrackedOrder {
    const tracked: TrackedOrder = {
      ...order,
      filledLots: 0,
      provisionalFilledLots: 0,
      state: order.venueOrderId === undefined ? 'pending' : 'open',
      cancelRequested: false,
      modifyPending: false,
    };
    this.byCloid.set(order.clientOrderId, tracked);
    if (order.venueOrderId !== undefined) this.cloidByOid.set(order.venueOrderId, order.clientOrderId);
    return tracked;
  }

  get(clientOrderId: ClientOrderId): TrackedOrder | undefined {
    return this.byCloid.get(clientOrderId);
  }

  byVenueOrderId(oid: string): TrackedOrder | undefined {
    const cloid = this.cloidByOid.get(oid);
    return cloid === undefined ? undefined : this.byCloid.get(cloid);
  }

  /** Records the venue's id of the order (again after a modify, which assigns a new oid). */
  setVenueOrderId(order: TrackedOrder, oid: string): void {
    order.venueOrderId = oid;
    this.cloidByOid.set(oid, order.clientOrderId);
  }

  remainingLots(order: TrackedOrder): number {
    return Math.max(order.sizeLots - order.filledLots, 0);
  }

  /** Orders not known to be closed, optionally of one symbol. */
  live(symbol?: string): TrackedOrder[] {
    return [...this.byCloid.values()].filter((order) => order.state !== 'closed' && (symbol === undefined || order.symbol === symbol));
  }

  openOrders(): OpenOrder[] {
    return this.live()
      .filter((order) => order.state === 'open')
      .map((order) => ({
        clientOrderId: order.clientOrderId,
        symbol: order.symbol,
        side: order.side,
        priceTicks: order.priceTicks,
        sizeLots: this.remainingLots(order),
        ...(order.venueOrderId === undefined ? {} : { venueOrderId: order.venueOrderId }),
      }));
  }

  /** Forgets closed orders beyond the most recent `keep` (late fills still map via cloid on the fill). */
  prune(keep = 10_000): void {
    if (this.byCloid.size <= keep) return;
    for (const [cloid, order] of this.byCloid) {
      if (this.byCloid.size <= keep) break;
      if (order.state !== 'closed') continue;
      this.byCloid.delete(cloid);
      if (order.venueOrderId !== undefined) this.cloidByOid.delete(order.venueOrderId);
    }
  }
}
