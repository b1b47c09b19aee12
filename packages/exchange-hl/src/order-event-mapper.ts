import type { Clock, ExecutionEvent, Instrument, Micros, ModifyOrderCommand } from '@mm/core';
import { MICROS_PER_MILLI } from '@mm/core';
import { isTerminal, type OrderRecord, type OrderRegistry } from '@mm/engine';
import { FillIdWindow } from '@mm/inventory';
import type { MarketDirectory } from './market-directory.js';
import type { WireOpenOrder, WireOrderUpdate, WireUserFill } from './venue-schemas.js';
import { isAcknowledged, type VenueOrderIds } from './venue-order-ids.js';
import { sideFromWire } from './wire-order.js';
import { responseFillId } from './missed-fills.js';

/** orderUpdates statuses that end an order without a fill (the venue's reason is kept verbatim). */
function isCancelStatus(status: string): boolean {
  return status === 'canceled' || status.endsWith('Canceled') || status === 'scheduledCancel';
}

function isRejectStatus(status: string): boolean {
  return status === 'rejected' || status.endsWith('Rejected');
}

/** Prices the venue reports are on its grid; 'nearest' only guards against a future finer grid. */
function parsePrice(instrument: Instrument, text: string): number {
  try {
    return instrument.parsePriceTicks(text);
  } catch {
    return instrument.parsePriceTicks(text, 'nearest');
  }
}

/**
 * Turns venue facts (bulk statuses, WS fills and order updates, reconcile answers) into our events,
 * once each. The order state is the engine's `OrderRegistry` (every event published here is applied
 * to it first, so a listener that sends at once sees it); `VenueOrderIds` adds what only the wire
 * needs. The registry decides what is news: an order accepted by the WS update is not accepted
 * again by the post response, a fill counted from the response is absorbed when its trade ids
 * arrive, a trade id is counted once.
 */
export class OrderEventMapper {
  /** Trade ids counted (or seeded): the same bounded fill dedupe the engine's positions use. */
  readonly fills = new FillIdWindow(100_000);

  constructor(
    private readonly orders: OrderRegistry,
    private readonly ids: VenueOrderIds,
    private readonly markets: MarketDirectory,
    private readonly clock: Clock,
    private readonly emit: (event: ExecutionEvent) => void,
  ) {}

  // ---- post responses ---------------------------------------------------------------------

  placeResting(order: OrderRecord, oid: string): void {
    this.ids.setOid(order.clientOrderId, oid);
    this.accept(order, this.clock.now());
  }

  placeFilled(order: OrderRecord, oid: string, totalSz: string, avgPx: string): void {
    this.ids.setOid(order.clientOrderId, oid);
    const now = this.clock.now();
    this.accept(order, now);
    this.responseFill(order, oid, totalSz, avgPx, now);
  }

  placeRejected(order: OrderRecord, reason: string): void {
    if (isTerminal(order)) return;
    const now = this.clock.now();
    this.publish({
      type: 'order-rejected',
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      reason,
      venueTimeUs: now,
      localTimeUs: now,
    });
  }

  modifyResting(order: OrderRecord, command: ModifyOrderCommand, oid: string): void {
    const facts = this.ids.get(order.clientOrderId);
    if (facts !== undefined) {
      facts.modifyPending = false;
      facts.filledAtVenue = false;
    }
    this.ids.setOid(order.clientOrderId, oid);
    const now = this.clock.now();
    this.publish({
      type: 'order-modified',
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      priceTicks: command.priceTicks,
      sizeLots: command.sizeLots,
      venueTimeUs: now,
      localTimeUs: now,
    });
  }

  modifyFilled(order: OrderRecord, command: ModifyOrderCommand, oid: string, totalSz: string, avgPx: string): void {
    this.modifyResting(order, command, oid);
    this.responseFill(order, oid, totalSz, avgPx, this.clock.now());
  }

  commandRejected(symbol: string, clientOrderId: string, command: 'modify-order' | 'cancel-order', reason: string): void {
    const facts = this.ids.get(clientOrderId);
    if (facts !== undefined && command === 'modify-order') facts.modifyPending = false;
    const now = this.clock.now();
    this.publish({ type: 'command-rejected', symbol, clientOrderId, command, reason, venueTimeUs: now, localTimeUs: now });
  }

  cancelSucceeded(symbol: string, clientOrderId: string): void {
    const order = this.orders.get(clientOrderId);
    if (order !== undefined && isTerminal(order)) return;
    const now = this.clock.now();
    this.publish({ type: 'order-canceled', symbol, clientOrderId, reason: 'requested', venueTimeUs: now, localTimeUs: now });
  }

  // ---- WS streams -------------------------------------------------------------------------

  /** A fill from userFills or the reconcile's userFills; `seedOnly` marks history we must not count. */
  userFill(fill: WireUserFill, seedOnly = false): void {
    if (!this.fills.remember(fill.tid)) return;
    if (seedOnly || !this.markets.has(fill.coin)) return;
    const instrument = this.markets.instrument(fill.coin);
    const order = this.find(fill.cloid, fill.oid);
    const facts = order === undefined ? undefined : this.ids.get(order.clientOrderId);
    let sizeLots = instrument.parseSizeLots(fill.sz, 'nearest');
    if (facts !== undefined && facts.provisionalFilledLots > 0) {
      const absorbed = Math.min(facts.provisionalFilledLots, sizeLots);
      facts.provisionalFilledLots -= absorbed;
      sizeLots -= absorbed;
    }
    if (sizeLots <= 0) return;
    this.publish({
      type: 'order-filled',
      symbol: fill.coin,
      clientOrderId: order?.clientOrderId ?? fill.cloid ?? `oid:${fill.oid}`,
      fillId: fill.tid,
      side: sideFromWire(fill.side),
      priceTicks: parsePrice(instrument, fill.px),
      sizeLots,
      remainingLots: order === undefined ? 0 : Math.max(order.restingLots - sizeLots, 0),
      liquidity: fill.crossed ? 'taker' : 'maker',
      feeQuote: Number(fill.fee),
      venueTimeUs: fill.time * MICROS_PER_MILLI,
      localTimeUs: this.clock.now(),
    });
  }

  orderUpdate(update: WireOrderUpdate): void {
    const wire = update.order;
    const order = this.find(wire.cloid, wire.oid);
    const facts = order === undefined ? undefined : this.ids.get(order.clientOrderId);
    if (order === undefined || facts === undefined) return;
    const venueTimeUs = update.statusTimestamp * MICROS_PER_MILLI;
    if (facts.oid !== undefined && facts.oid !== wire.oid) {
      // A modify gives the order a new oid; updates about the old one (its cancel) are not news.
      if (update.status === 'open' && facts.modifyPending) this.ids.setOid(order.clientOrderId, wire.oid);
      return;
    }
    if (update.status === 'open') {
      this.ids.setOid(order.clientOrderId, wire.oid);
      this.accept(order, venueTimeUs);
    } else if (update.status === 'filled') {
      // Its fills follow on userFills and end the order; until then it is neither cancelled nor resting.
      if (!isTerminal(order)) facts.filledAtVenue = true;
    } else if (isCancelStatus(update.status)) {
      if (isTerminal(order)) return;
      // A modify cancels the old order before the response names the new oid: not an end.
      if (facts.modifyPending && update.status === 'canceled') return;
      const reason = update.status === 'canceled' && order.status === 'pending-cancel' ? 'requested' : update.status;
      this.publish({
        type: 'order-canceled',
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        reason,
        venueTimeUs,
        localTimeUs: this.clock.now(),
      });
    } else if (isRejectStatus(update.status)) {
      // A pending order's post response carries the venue's full text (bbo, asset); wait for it.
      if (isTerminal(order) || !isAcknowledged(order) || facts.filledAtVenue) return;
      this.publish({
        type: 'order-rejected',
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        reason: update.status,
        venueTimeUs,
        localTimeUs: this.clock.now(),
      });
    }
  }

  // ---- reconcile --------------------------------------------------------------------------

  /**
   * Settles the registry against the venue's open orders: unknown outcomes resolve (the venue's
   * price and size win), orders that vanished while we were not listening are canceled, resting
   * orders of an earlier session are adopted.
   */
  openOrdersSnapshot(open: readonly WireOpenOrder[]): void {
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const wire of open) {
      if (!this.markets.has(wire.coin)) continue;
      const instrument = this.markets.instrument(wire.coin);
      const resting = {
        clientOrderId: wire.cloid ?? '',
        symbol: wire.coin,
        side: sideFromWire(wire.side),
        priceTicks: parsePrice(instrument, wire.limitPx),
        sizeLots: instrument.parseSizeLots(wire.sz, 'nearest'),
        venueOrderId: wire.oid,
      };
      const order = this.find(wire.cloid, wire.oid);
      if (order === undefined || isTerminal(order)) {
        if (order === undefined && !wire.cloid) continue;
        // An earlier session's order (or one we had given up on) rests there: track it as the venue has it.
        const clientOrderId = order?.clientOrderId ?? resting.clientOrderId;
        const known = this.ids.get(clientOrderId);
        this.orders.adopt({ ...resting, clientOrderId }, 'open');
        this.ids.track(clientOrderId, {
          timeInForce: known?.timeInForce ?? 'gtc',
          reduceOnly: known?.reduceOnly ?? false,
          oid: wire.oid,
        });
        seen.add(clientOrderId);
        continue;
      }
      this.ids.setOid(order.clientOrderId, wire.oid);
      const facts = this.ids.get(order.clientOrderId);
      if (facts !== undefined) facts.filledAtVenue = false;
      if (!isAcknowledged(order)) this.accept(order, now);
      this.orders.syncResting(order, { ...resting, clientOrderId: order.clientOrderId });
      seen.add(order.clientOrderId);
    }
    for (const order of this.orders.liveOrders()) {
      if (seen.has(order.clientOrderId) || this.ids.get(order.clientOrderId)?.filledAtVenue === true) continue;
      if (!isAcknowledged(order)) {
        this.placeRejected(order, 'not open at the venue after reconcile (the place request failed in transit)');
        continue;
      }
      this.publish({
        type: 'order-canceled',
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        reason: order.status === 'pending-cancel' ? 'requested' : 'not open at the venue after reconcile',
        venueTimeUs: now,
        localTimeUs: now,
      });
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** Our order named by its cloid or by any oid it ever had. */
  private find(cloid: string | undefined | null, oid: string): OrderRecord | undefined {
    const byCloid = cloid ? this.orders.get(cloid) : undefined;
    if (byCloid !== undefined) return byCloid;
    const owner = this.ids.cloidOf(oid);
    return owner === undefined ? undefined : this.orders.get(owner);
  }

  /** Applies the event to the order registry, then tells the adapter's listeners. */
  private publish(event: ExecutionEvent): void {
    this.orders.onEvent(event);
    this.emit(event);
  }

  private accept(order: OrderRecord, venueTimeUs: Micros): void {
    if (isTerminal(order) || isAcknowledged(order)) return;
    this.publish({
      type: 'order-accepted',
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      venueOrderId: this.ids.get(order.clientOrderId)?.oid ?? '',
      venueTimeUs,
      localTimeUs: this.clock.now(),
    });
  }

  /**
   * A fill known from the post response, before its trade ids: counted now (the strategy must
   * know at once), its lots absorbed when the WS fills of the same order arrive. The fee is only
   * in those fills, so it is reported as 0 here. An IOC's unfilled rest does not rest: it is
   * reported canceled, as the simulated exchange does.
   */
  private responseFill(order: OrderRecord, oid: string, totalSz: string, avgPx: string, now: Micros): void {
    const instrument = this.markets.instrument(order.symbol);
    const facts = this.ids.get(order.clientOrderId);
    const newLots = instrument.parseSizeLots(totalSz, 'nearest') - order.filledLots;
    if (newLots > 0) {
      if (facts !== undefined) facts.provisionalFilledLots += newLots;
      this.publish({
        type: 'order-filled',
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        fillId: responseFillId(oid),
        side: order.side,
        priceTicks: parsePrice(instrument, avgPx),
        sizeLots: newLots,
        remainingLots: Math.max(order.restingLots - newLots, 0),
        liquidity: 'taker',
        feeQuote: 0,
        venueTimeUs: now,
        localTimeUs: now,
      });
    }
    if (facts?.timeInForce === 'ioc' && !isTerminal(order)) {
      this.publish({
        type: 'order-canceled',
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        reason: 'ioc: the unfilled rest does not rest',
        venueTimeUs: now,
        localTimeUs: now,
      });
    }
  }
}
