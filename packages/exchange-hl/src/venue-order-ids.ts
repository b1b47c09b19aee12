import type { ClientOrderId, OpenOrder, TimeInForce } from '@mm/core';
import type { OrderRecord, OrderRegistry } from '@mm/engine';

/**
 * What only Hyperliquid's wire needs to know about one of our orders. The order's state (status,
 * price, resting and filled lots) is not here: it is the engine's `OrderRecord`, kept by an
 * `OrderRegistry` the adapter feeds with the commands it sends and the events it emits.
 */
export interface WireOrderFacts {
  /** The venue's current id; a modify assigns a new one. Undefined until a response or update names it. */
  oid: string | undefined;
  /** Resent with every modify (the venue's modify replaces the whole order). */
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  /** Lots reported filled by a post response: WS fills of this order absorb them before counting. */
  provisionalFilledLots: number;
  /** A modify is in flight: an 'open' update with a new oid is the modified order, the old oid's 'canceled' is not an end. */
  modifyPending: boolean;
  /** The venue said 'filled' before the fills arrived: neither cancelled nor reported resting meanwhile. */
  filledAtVenue: boolean;
}

/**
 * The venue-id mapping of our orders: cloid -> wire facts, and every oid ever seen -> cloid (fills
 * and updates may name an order by an oid a modify has since replaced).
 */
export class VenueOrderIds {
  private readonly facts = new Map<ClientOrderId, WireOrderFacts>();
  private readonly oidsOf = new Map<ClientOrderId, string[]>();
  private readonly cloidByOid = new Map<string, ClientOrderId>();

  track(clientOrderId: ClientOrderId, order: { timeInForce: TimeInForce; reduceOnly: boolean; oid?: string }): WireOrderFacts {
    this.forget(clientOrderId);
    const facts: WireOrderFacts = {
      oid: undefined,
      timeInForce: order.timeInForce,
      reduceOnly: order.reduceOnly,
      provisionalFilledLots: 0,
      modifyPending: false,
      filledAtVenue: false,
    };
    this.facts.set(clientOrderId, facts);
    if (order.oid !== undefined) this.setOid(clientOrderId, order.oid);
    return facts;
  }

  get(clientOrderId: ClientOrderId): WireOrderFacts | undefined {
    return this.facts.get(clientOrderId);
  }

  cloidOf(oid: string): ClientOrderId | undefined {
    return this.cloidByOid.get(oid);
  }

  /** Records the venue's id of the order (again after a modify, which assigns a new oid). */
  setOid(clientOrderId: ClientOrderId, oid: string): void {
    const facts = this.facts.get(clientOrderId);
    if (facts === undefined) return;
    facts.oid = oid;
    if (this.cloidByOid.get(oid) === clientOrderId) return;
    this.cloidByOid.set(oid, clientOrderId);
    const oids = this.oidsOf.get(clientOrderId);
    if (oids === undefined) this.oidsOf.set(clientOrderId, [oid]);
    else oids.push(oid);
  }

  get size(): number {
    return this.facts.size;
  }

  /**
   * Forgets the orders the registry has forgotten (it keeps the last 10,000 terminal ones), so the
   * two stay the same size over a days-long run. Runs only once 1,000 have piled up.
   */
  prune(orders: OrderRegistry): void {
    if (this.facts.size <= orders.size + 1_000) return;
    for (const clientOrderId of this.facts.keys()) {
      if (orders.get(clientOrderId) === undefined) this.forget(clientOrderId);
    }
  }

  private forget(clientOrderId: ClientOrderId): void {
    for (const oid of this.oidsOf.get(clientOrderId) ?? []) {
      if (this.cloidByOid.get(oid) === clientOrderId) this.cloidByOid.delete(oid);
    }
    this.oidsOf.delete(clientOrderId);
    this.facts.delete(clientOrderId);
  }
}

/** The engine registry's record of an order the venue acknowledged (an accepted event, or adopted from the venue). */
export function isAcknowledged(order: OrderRecord): boolean {
  return order.venueOrderId !== undefined;
}

/**
 * Our orders resting at the venue as far as the adapter knows: acknowledged, not terminal, not
 * reported filled; at the venue's current oid and unfilled size.
 */
export function restingOrders(orders: OrderRegistry, ids: VenueOrderIds): OpenOrder[] {
  const result: OpenOrder[] = [];
  for (const order of orders.liveOrders()) {
    const facts = ids.get(order.clientOrderId);
    if (!isAcknowledged(order) || facts?.filledAtVenue === true) continue;
    const venueOrderId = facts?.oid ?? order.venueOrderId;
    result.push({
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      priceTicks: order.priceTicks,
      sizeLots: order.restingLots,
      ...(venueOrderId === undefined ? {} : { venueOrderId }),
    });
  }
  return result;
}
