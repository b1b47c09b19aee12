import type { Clock, ExecutionEvent, Instrument, Micros, ModifyOrderCommand } from '@mm/core';
import { MICROS_PER_MILLI } from '@mm/core';
import { FillIdWindow } from '@mm/inventory';
import type { MarketDirectory } from './market-directory.js';
import type { OrderRegistry, TrackedOrder } from './order-registry.js';
import type { WireOpenOrder, WireOrderUpdate, WireUserFill } from './venue-schemas.js';
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
 * once each. The order map decides what is news: an order accepted by the WS update is not
 * accepted again by the post response, a fill counted from the response is absorbed when its trade
 * ids arrive, a trade id is counted once.
 */
export class OrderEventMapper {
  /** Trade ids counted (or seeded): the same bounded fill dedupe the engine's positions use. */
  readonly fills = new FillIdWindow(100_000);

  constructor(
    private readonly registry: OrderRegistry,
    private readonly markets: MarketDirectory,
    private readonly clock: Clock,
    private readonly emit: (event: ExecutionEvent) => void,
  ) {}

  // ---- post responses ---------------------------------------------------------------------

  placeResting(order: TrackedOrder, oid: string): void {
    this.registry.setVenueOrderId(order, oid);
    this.accept(order, this.clock.now());
  }

  placeFilled(order: TrackedOrder, oid: string, totalSz: string, avgPx: string): void {
    this.registry.setVenueOrderId(order, oid);
    const now = this.clock.now();
    this.accept(order, now);
    this.responseFill(order, oid, totalSz, avgPx, now);
  }

  placeRejected(order: TrackedOrder, reason: string): void {
    if (order.state === 'closed') return;
    order.state = 'closed';
    const now = this.clock.now();
    this.emit({
      type: 'order-rejected',
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      reason,
      venueTimeUs: now,
      localTimeUs: now,
    });
  }

  modifyResting(order: TrackedOrder, command: ModifyOrderCommand, oid: string): void {
    order.modifyPending = false;
    this.registry.setVenueOrderId(order, oid);
    order.priceTicks = command.priceTicks;
    order.sizeLots = order.filledLots + command.sizeLots;
    order.state = 'open';
    const now = this.clock.now();
    this.emit({
      type: 'order-modified',
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      priceTicks: command.priceTicks,
      sizeLots: command.sizeLots,
      venueTimeUs: now,
      localTimeUs: now,
    });
  }

  modifyFilled(order: TrackedOrder, command: ModifyOrderCommand, oid: string, totalSz: string, avgPx: string): void {
    this.modifyResting(order, command, oid);
    this.responseFill(order, oid, totalSz, avgPx, this.clock.now());
  }

  commandRejected(symbol: string, clientOrderId: string, command: 'modify-order' | 'cancel-order', reason: string): void {
    const order = this.registry.get(clientOrderId);
    if (order !== undefined) {
      if (command === 'modify-order') order.modifyPending = false;
      else order.cancelRequested = false;
    }
    const now = this.clock.now();
    this.emit({ type: 'command-rejected', symbol, clientOrderId, command, reason, venueTimeUs: now, localTimeUs: now });
  }

  cancelSucceeded(symbol: string, clientOrderId: string): void {
    const order = this.registry.get(clientOrderId);
    if (order !== undefined) {
      if (order.state === 'closed') return;
      order.state = 'closed';
    }
    const now = this.clock.now();
    this.emit({ type: 'order-canceled', symbol, clientOrderId, reason: 'requested', venueTimeUs: now, localTimeUs: now });
  }

  // ---- WS streams -------------------------------------------------------------------------

  /** A fill from userFills or the reconcile's userFills; `seedOnly` marks history we must not count. */
  userFill(fill: WireUserFill, seedOnly = false): void {
    if (!this.fills.remember(fill.tid)) return;
    if (seedOnly || !this.markets.has(fill.coin)) return;
    const instrument = this.markets.instrument(fill.coin);
    const order = (fill.cloid ? this.registry.get(fill.cloid) : undefined) ?? this.registry.byVenueOrderId(fill.oid);
    let sizeLots = instrument.parseSizeLots(fill.sz, 'nearest');
    if (order !== undefined && order.provisionalFilledLots > 0) {
      const absorbed = Math.min(order.provisionalFilledLots, sizeLots);
      order.provisionalFilledLots -= absorbed;
      sizeLots -= absorbed;
    }
    if (sizeLots <= 0) return;
    let remainingLots = 0;
    if (order !== undefined) {
      order.filledLots += sizeLots;
      remainingLots = this.registry.remainingLots(order);
      if (remainingLots === 0) order.state = 'closed';
    }
    this.emit({
      type: 'order-filled',
      symbol: fill.coin,
      clientOrderId: order?.clientOrderId ?? fill.cloid ?? `oid:${fill.oid}`,
      fillId: fill.tid,
      side: sideFromWire(fill.side),
      priceTicks: parsePrice(instrument, fill.px),
      sizeLots,
      remainingLots,
      liquidity: fill.crossed ? 'taker' : 'maker',
      feeQuote: Number(fill.fee),
      venueTimeUs: fill.time * MICROS_PER_MILLI,
      localTimeUs: this.clock.now(),
    });
  }

  orderUpdate(update: WireOrderUpdate): void {
    const wire = update.order;
    const order = (wire.cloid ? this.registry.get(wire.cloid) : undefined) ?? this.registry.byVenueOrderId(wire.oid);
    if (order === undefined) return;
    const venueTimeUs = update.statusTimestamp * MICROS_PER_MILLI;
    if (order.venueOrderId !== undefined && order.venueOrderId !== wire.oid) {
      // A modify gives the order a new oid; updates about the old one (its cancel) are not news.
      if (update.status === 'open' && order.modifyPending) this.registry.setVenueOrderId(order, wire.oid);
      return;
    }
    if (update.status === 'open') {
      this.registry.setVenueOrderId(order, wire.oid);
      this.accept(order, venueTimeUs);
    } else if (update.status === 'filled') {
      order.state = 'closed';
    } else if (isCancelStatus(update.status)) {
      if (order.state === 'closed') return;
      // A modify cancels the old order before the response names the new oid: not an end.
      if (order.modifyPending && update.status === 'canceled') return;
      order.state = 'closed';
      const reason = update.status === 'canceled' && order.cancelRequested ? 'requested' : update.status;
      this.emit({
        type: 'order-canceled',
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        reason,
        venueTimeUs,
        localTimeUs: this.clock.now(),
      });
    } else if (isRejectStatus(update.status)) {
      // A pending order's post response carries the venue's full text (bbo, asset); wait for it.
      if (order.state !== 'open') return;
      order.state = 'closed';
      this.emit({
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
   * Settles our map against the venue's open orders: unknown outcomes resolve, orders that vanished
   * while we were not listening are canceled, resting orders of an earlier session are adopted.
   */
  openOrdersSnapshot(open: readonly WireOpenOrder[]): void {
    const now = this.clock.now();
    const seen = new Set<TrackedOrder>();
    for (const wire of open) {
      if (!this.markets.has(wire.coin)) continue;
      let order = (wire.cloid ? this.registry.get(wire.cloid) : undefined) ?? this.registry.byVenueOrderId(wire.oid);
      if (order === undefined) {
        if (!wire.cloid) continue;
        const instrument = this.markets.instrument(wire.coin);
        order = this.registry.add({
          clientOrderId: wire.cloid,
          symbol: wire.coin,
          side: sideFromWire(wire.side),
          timeInForce: 'gtc',
          reduceOnly: false,
          priceTicks: parsePrice(instrument, wire.limitPx),
          sizeLots: instrument.parseSizeLots(wire.sz, 'nearest'),
          venueOrderId: wire.oid,
        });
      } else {
        this.registry.setVenueOrderId(order, wire.oid);
        if (order.state === 'pending') this.accept(order, now);
        order.state = 'open';
      }
      seen.add(order);
    }
    for (const order of this.registry.live()) {
      if (seen.has(order)) continue;
      if (order.state === 'pending') {
        this.placeRejected(order, 'not open at the venue after reconcile (the place request failed in transit)');
      } else if (this.registry.remainingLots(order) === 0) {
        order.state = 'closed';
      } else {
        order.state = 'closed';
        const reason = order.cancelRequested ? 'requested' : 'not open at the venue after reconcile';
        this.emit({
          type: 'order-canceled',
          symbol: order.symbol,
          clientOrderId: order.clientOrderId,
          reason,
          venueTimeUs: now,
          localTimeUs: now,
        });
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private accept(order: TrackedOrder, venueTimeUs: Micros): void {
    if (order.state !== 'pending') return;
    order.state = 'open';
    this.emit({
      type: 'order-accepted',
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      venueOrderId: order.venueOrderId ?? '',
      venueTimeUs,
      localTimeUs: this.clock.now(),
    });
  }

  /**
   * A fill known from the post response, before its trade ids: counted now (the strategy must
   * know at once), its lots absorbed when the WS fills of the same order arrive. The fee is only
   * in those fills, so it is reported as 0 here.
   */
  private responseFill(order: TrackedOrder, oid: string, totalSz: string, avgPx: string, now: Micros): void {
    const instrument = this.markets.instrument(order.symbol);
    const totalLots = instrument.parseSizeLots(totalSz, 'nearest');
    const newLots = totalLots - (order.filledLots - order.provisionalFilledLots) - order.provisionalFilledLots;
    if (newLots > 0) {
      order.filledLots += newLots;
      order.provisionalFilledLots += newLots;
      this.emit({
        type: 'order-filled',
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        fillId: responseFillId(oid),
        side: order.side,
        priceTicks: parsePrice(instrument, avgPx),
        sizeLots: newLots,
        remainingLots: this.registry.remainingLots(order),
        liquidity: 'taker',
        feeQuote: 0,
        venueTimeUs: now,
        localTimeUs: now,
      });
    }
    if (this.registry.remainingLots(order) === 0 || order.timeInForce === 'ioc') order.state = 'closed';
  }
}
