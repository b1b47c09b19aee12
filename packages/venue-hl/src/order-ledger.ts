export type OrderTimeInForce = 'Alo' | 'Gtc' | 'Ioc' | 'FrontendMarket';

/** One order as the venue keeps it, beyond the matching engine's view (who owns it, its history). */
export interface VenueOrder {
  /** The matching engine's client order id (ours, unique), not the user's cloid. */
  engineOrderId: string;
  /** Venue order id, once the matching engine accepted the order. */
  oid: number | undefined;
  user: string;
  coin: string;
  asset: number;
  isBuy: boolean;
  limitPriceTicks: number;
  originalLots: number;
  remainingLots: number;
  timestampMs: number;
  cloid: string | undefined;
  tif: OrderTimeInForce;
  reduceOnly: boolean;
  /** Hyperliquid status name: open, filled, canceled, scheduledCancel, rejected ... */
  status: string;
  statusTimestampMs: number;
  /** Status to report when the pending cancel lands (a dead man's switch says 'scheduledCancel'). */
  cancelStatus: string | undefined;
  /** The builder the order pays (`builder: {b, f}` of the order action), f in tenths of a basis point. */
  builder?: { address: string; feeTenthsBp: number } | undefined;
}

/** Orders by engine id, by oid and by (user, cloid); open orders per user in time order. */
export class OrderLedger {
  private readonly byEngineId = new Map<string, VenueOrder>();
  private readonly byOid = new Map<number, VenueOrder>();
  private readonly byCloid = new Map<string, VenueOrder>();
  /** Open orders only, in placement order (a market maker's many dead orders stay out of the scan). */
  private readonly open = new Map<number, VenueOrder>();
  private nextEngineId = 1;
  /** Venue order ids: large, like the venue's, and never reused. */
  private nextOid = 100_000_001;

  newEngineOrderId(): string {
    return `hl-${this.nextEngineId++}`;
  }

  newOid(): number {
    return this.nextOid++;
  }

  add(order: VenueOrder): void {
    this.byEngineId.set(order.engineOrderId, order);
  }

  /**
   * The order now has a venue id and is known by it, and (when it was accepted, so a refused
   * order cannot shadow a live one with the same cloid) by its cloid.
   */
  assignOid(order: VenueOrder, oid: number, indexCloid = true): void {
    order.oid = oid;
    this.byOid.set(oid, order);
    if (indexCloid && order.cloid !== undefined) this.byCloid.set(cloidKey(order.user, order.cloid), order);
  }

  byEngineOrderId(id: string): VenueOrder | undefined {
    return this.byEngineId.get(id);
  }

  byVenueOid(oid: number): VenueOrder | undefined {
    return this.byOid.get(oid);
  }

  byUserCloid(user: string, cloid: string): VenueOrder | undefined {
    return this.byCloid.get(cloidKey(user, cloid));
  }

  /** Moves the order to `status` ('open' keeps it in the open index, anything else removes it). */
  setStatus(order: VenueOrder, status: string, timeMs: number): void {
    order.status = status;
    order.statusTimestampMs = timeMs;
    if (order.oid === undefined) return;
    if (status === 'open') this.open.set(order.oid, order);
    else this.open.delete(order.oid);
  }

  /** Every order of `user` the venue numbered (open, done, refused), newest first, at most `limit`. */
  history(user: string, limit: number): VenueOrder[] {
    const orders: VenueOrder[] = [];
    const all = [...this.byOid.values()];
    for (let index = all.length - 1; index >= 0 && orders.length < limit; index -= 1) {
      if (all[index]!.user === user) orders.push(all[index]!);
    }
    return orders;
  }

  openOrders(user: string): VenueOrder[] {
    const open: VenueOrder[] = [];
    for (const order of this.open.values()) {
      if (order.user === user) open.push(order);
    }
    return open;
  }
}

function cloidKey(user: string, cloid: string): string {
  return `${user}:${cloid.toLowerCase()}`;
}
