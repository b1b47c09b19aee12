import {
  InvalidInputError,
  type AccountSnapshot,
  type ClientOrderId,
  type ExecutionCapabilities,
  type ExecutionEvent,
  type ExecutionReports,
  type ExecutionVenue,
  type Instrument,
  type Micros,
  type OpenOrder,
  type OrderCommand,
  type OrderFilledEvent,
  type PlaceOrderCommand,
  type PositionReport,
  type ReportsRequest,
  type Side,
  type Unsubscribe,
} from '@mm/core';
import { OrderBook, type OrderBookSide } from '@mm/book';
import type { FeeModel } from '../models/fee-model.js';
import type { LatencyModel } from '../models/latency-model.js';
import type { QueueModel, QueuePosition } from '../models/queue-model.js';
import type { Scheduler } from './scheduler.js';

/** The venue's own words, so strategies and tests see what they will see live (Hyperliquid's strings). */
export const REJECT_MESSAGES = {
  postOnlyWouldCross: (bestBid: string, bestAsk: string, asset: number) =>
    `Post only order would have immediately matched, bbo was ${bestBid}@${bestAsk}. asset=${asset}`,
  tick: 'Price must be divisible by tick size.',
  minNotional: 'Order must have minimum value of $10.',
  invalidSize: 'Order has invalid size.',
  unknownOrder: (asset: number) => `Order was never placed, already canceled, or filled. asset=${asset}`,
  iocNoMatch: 'Order could not immediately match against any resting orders.',
  duplicateClientOrderId: 'Duplicate client order id.',
} as const;

interface SimOrder extends QueuePosition {
  clientOrderId: ClientOrderId;
  venueOrderId: string;
  side: Side;
  priceTicks: number;
  restingLots: number;
}

interface SymbolBook {
  instrument: Instrument;
  assetIndex: number;
  book: OrderBook;
  bids: OrderBookSide;
  asks: OrderBookSide;
  /** Best prices of our resting orders (−∞/+∞ when none): a cheap test for crosses. */
  highestBidTicks: number;
  lowestAskTicks: number;
  orders: SimOrder[];
  positionLots: number;
  /** Our order sizes per level before a snapshot replaced the side, for queue updates after it. */
  snapshotPending: boolean;
  snapshotPreviousLots: Map<SimOrder, number>;
}

export interface SimulatedExchangeOptions {
  instruments: readonly Instrument[];
  scheduler: Scheduler;
  latency: LatencyModel;
  queue: QueueModel;
  fees: FeeModel;
  venue?: string;
  capabilities?: Partial<ExecutionCapabilities>;
  bookWindowTicks?: number;
  /** Fills remembered for `reports()` (oldest forgotten first); default 10,000. */
  fillHistoryCapacity?: number;
}

/**
 * The simulated exchange behind the same execution interface as the live adapters. It keeps its own
 * book, built from recorded data at venue time, and our orders in it:
 * - commands reach it after the latency model's entry latency; answers come back after the
 *   response latency;
 * - post-only orders that would cross are rejected with the venue's message, as Hyperliquid's ALO;
 * - resting orders fill when trades print at their price and the queue model says the size ahead of
 *   them is gone (partial fills: only the traded excess fills), or in full when trades print through
 *   their price or the opposite side of the book moves through it (someone must have traded with us);
 * - our orders do not change the recorded book, and our taker orders do not remove liquidity from it
 *   (market impact is not modelled: fine for orders small against the book, optimistic otherwise).
 */
export class SimulatedExchange implements ExecutionVenue {
  readonly venue: string;
  readonly capabilities: ExecutionCapabilities;
  private readonly symbols = new Map<string, SymbolBook>();
  private readonly symbolList: SymbolBook[] = [];
  private readonly scheduler: Scheduler;
  private readonly latency: LatencyModel;
  private readonly queue: QueueModel;
  private readonly fees: FeeModel;
  private readonly handlers: Array<(event: ExecutionEvent) => void> = [];
  private nextVenueOrderId = 1;
  private nextFillId = 1;
  /** Recent fills, oldest first, for fill reports (a ring: a backtest fills all day). */
  private readonly fillHistory: OrderFilledEvent[] = [];
  private fillHistoryStart = 0;
  private readonly fillHistoryCapacity: number;
  /** Counters for reports and tests. */
  readonly stats = { ordersReceived: 0, postOnlyRejects: 0, otherRejects: 0, fills: 0, makerFills: 0, takerFills: 0 };

  constructor(options: SimulatedExchangeOptions) {
    this.venue = options.venue ?? 'simulated';
    this.capabilities = {
      modify: true,
      batch: true,
      maxBatchSize: 40,
      postOnly: true,
      deadManSwitch: false,
      ...options.capabilities,
    };
    this.scheduler = options.scheduler;
    this.latency = options.latency;
    this.queue = options.queue;
    this.fees = options.fees;
    this.fillHistoryCapacity = options.fillHistoryCapacity ?? 10_000;
    options.instruments.forEach((instrument, assetIndex) => {
      const book = new OrderBook(options.bookWindowTicks === undefined ? {} : { windowTicks: options.bookWindowTicks });
      const entry: SymbolBook = {
        instrument,
        assetIndex,
        book,
        bids: book.side('bid'),
        asks: book.side('ask'),
        highestBidTicks: Number.NEGATIVE_INFINITY,
        lowestAskTicks: Number.POSITIVE_INFINITY,
        orders: [],
        positionLots: 0,
        snapshotPending: false,
        snapshotPreviousLots: new Map(),
      };
      this.symbols.set(instrument.symbol, entry);
      this.symbolList.push(entry);
    });
  }

  // ---- ExecutionVenue -----------------------------------------------------------------------

  send(commands: readonly OrderCommand[]): void {
    const sentAt = this.scheduler.now();
    const arrival = sentAt + this.latency.entryLatencyUs(sentAt);
    const batch = [...commands];
    this.scheduler.schedule(arrival, () => {
      for (const command of batch) this.process(command);
    });
  }

  onEvent(handler: (event: ExecutionEvent) => void): Unsubscribe {
    this.handlers.push(handler);
    return () => {
      const index = this.handlers.indexOf(handler);
      if (index >= 0) this.handlers.splice(index, 1);
    };
  }

  async reconcile(): Promise<AccountSnapshot> {
    return this.accountSnapshot();
  }

  /**
   * Reports at the exchange's current time. Commands still travelling to it (entry latency) are not
   * in them yet, as on a real venue a request overtaken by the query.
   */
  async reports(request: ReportsRequest): Promise<ExecutionReports> {
    const { openOrders } = this.accountSnapshot();
    const positions: PositionReport[] = this.symbolList.map((entry) => ({
      symbol: entry.instrument.symbol,
      positionLots: entry.positionLots,
    }));
    const fills: OrderFilledEvent[] = [];
    const booked = new Set((request.bookedFills ?? []).map((fill) => fill.fillId));
    const count = this.fillHistory.length;
    for (let offset = 0; offset < count; offset += 1) {
      const fill = this.fillHistory[(this.fillHistoryStart + offset) % count]!;
      if (fill.venueTimeUs >= request.fillsSinceUs && !booked.has(fill.fillId)) fills.push({ ...fill });
    }
    return { openOrders, fills, positions, asOfUs: this.scheduler.now() };
  }

  /** The exchange's view, synchronously (tests compare it with the engine's). */
  accountSnapshot(): AccountSnapshot {
    const openOrders: OpenOrder[] = [];
    const positions: Record<string, number> = {};
    for (const entry of this.symbolList) {
      positions[entry.instrument.symbol] = entry.positionLots;
      for (const order of entry.orders) {
        openOrders.push({
          clientOrderId: order.clientOrderId,
          symbol: entry.instrument.symbol,
          side: order.side,
          priceTicks: order.priceTicks,
          sizeLots: order.restingLots,
          venueOrderId: order.venueOrderId,
        });
      }
    }
    return { openOrders, positions };
  }

  // ---- market data at venue time (the replay driver calls these) -----------------------------

  /** The exchange-side book of `symbol` (read only for callers). */
  book(symbol: string): OrderBook {
    return this.entry(symbol).book;
  }

  symbolIndex(symbol: string): number {
    return this.entry(symbol).assetIndex;
  }

  /** A level of the recorded book changed. */
  applyDepth(symbolIndex: number, isBid: boolean, priceTicks: number, sizeLots: number): void {
    const entry = this.symbolList[symbolIndex]!;
    const side = isBid ? entry.bids : entry.asks;
    const orders = entry.orders;
    if (orders.length === 0 || entry.snapshotPending) {
      side.setTrusted(priceTicks, sizeLots);
      return;
    }
    const restingSide: Side = isBid ? 'buy' : 'sell';
    let atOurLevel = false;
    for (let index = 0; index < orders.length; index += 1) {
      const order = orders[index]!;
      if (order.side === restingSide && order.priceTicks === priceTicks) atOurLevel = true;
    }
    if (atOurLevel) {
      const previous = side.sizeAt(priceTicks);
      side.setTrusted(priceTicks, sizeLots);
      for (let index = 0; index < orders.length; index += 1) {
        const order = orders[index]!;
        if (order.side === restingSide && order.priceTicks === priceTicks) this.queue.onDepthChange(order, previous, sizeLots);
      }
    } else {
      side.setTrusted(priceTicks, sizeLots);
    }
    // Only a new or grown level at or through one of our prices on the other side can cross us.
    if (sizeLots > 0 && (isBid ? priceTicks >= entry.lowestAskTicks : priceTicks <= entry.highestBidTicks)) this.fillCrossedOrders(entry);
  }

  /**
   * A snapshot replaces a side: every level (`throughPriceTicks` NaN) or those at least as good as
   * `throughPriceTicks` (a depth-limited snapshot). Remembers our levels' sizes for the queue update.
   */
  clearSide(symbolIndex: number, isBid: boolean, throughPriceTicks: number): void {
    const entry = this.symbolList[symbolIndex]!;
    const side = entry.book.side(isBid ? 'bid' : 'ask');
    const restingSide: Side = isBid ? 'buy' : 'sell';
    for (const order of entry.orders) {
      if (order.side === restingSide && !entry.snapshotPreviousLots.has(order)) {
        entry.snapshotPreviousLots.set(order, side.sizeAt(order.priceTicks));
      }
    }
    if (Number.isNaN(throughPriceTicks)) side.clear();
    else side.clearThroughPrice(throughPriceTicks);
    entry.snapshotPending = true;
  }

  /** The snapshot's levels are all applied: move queues by the level changes, then check crosses. */
  finishSnapshot(symbolIndex: number): void {
    const entry = this.symbolList[symbolIndex]!;
    if (!entry.snapshotPending) return;
    entry.snapshotPending = false;
    for (const [order, previous] of entry.snapshotPreviousLots) {
      if (order.restingLots <= 0) continue;
      const next = entry.book.side(order.side === 'buy' ? 'bid' : 'ask').sizeAt(order.priceTicks);
      this.queue.onDepthChange(order, previous, next);
    }
    entry.snapshotPreviousLots.clear();
    this.fillCrossedOrders(entry);
  }

  isSnapshotPending(symbolIndex: number): boolean {
    return this.symbolList[symbolIndex]!.snapshotPending;
  }

  /** A trade printed. `aggressorIsBuy`: the taker bought, so resting asks (ours too) were hit. */
  applyTrade(symbolIndex: number, aggressorIsBuy: boolean, priceTicks: number, sizeLots: number): void {
    const entry = this.symbolList[symbolIndex]!;
    const orders = entry.orders;
    if (orders.length === 0) return;
    const hitSide: Side = aggressorIsBuy ? 'sell' : 'buy';
    for (let index = 0; index < orders.length; index += 1) {
      const order = orders[index]!;
      if (order.side !== hitSide) continue;
      const through = hitSide === 'buy' ? priceTicks < order.priceTicks : priceTicks > order.priceTicks;
      if (through) {
        // The aggressor traded beyond our price, so it took our level whole.
        this.fill(entry, order, order.restingLots, order.priceTicks, 'maker');
        index -= orders[index] === order ? 0 : 1;
        continue;
      }
      if (priceTicks !== order.priceTicks) continue;
      this.queue.onTrade(order, sizeLots);
      if (order.queueAheadLots < 0) {
        const filled = Math.min(order.restingLots, Math.round(-order.queueAheadLots));
        order.queueAheadLots = 0;
        if (filled > 0) {
          this.fill(entry, order, filled, order.priceTicks, 'maker');
          if (orders[index] !== order) index -= 1;
        }
      }
    }
  }

  /** Pays or charges funding on the exchange-side position at `markPriceTicks`. */
  settleFunding(symbolIndex: number, rate: number, markPriceTicks: number, timeUs: Micros): void {
    const entry = this.symbolList[symbolIndex]!;
    if (entry.positionLots === 0) return;
    const positionBase = entry.positionLots * entry.instrument.lotSize;
    const amountQuote = -positionBase * markPriceTicks * entry.instrument.tickSize * rate;
    this.respond(timeUs, {
      type: 'funding',
      symbol: entry.instrument.symbol,
      amountQuote,
      rate,
      venueTimeUs: timeUs,
      localTimeUs: 0,
    });
  }

  // ---- matching -------------------------------------------------------------------------------

  private process(command: OrderCommand): void {
    switch (command.type) {
      case 'place-order':
        this.place(command);
        return;
      case 'modify-order': {
        const entry = this.entry(command.symbol);
        const order = entry.orders.find((candidate) => candidate.clientOrderId === command.clientOrderId);
        if (order === undefined) {
          this.commandRejected(entry, command.clientOrderId, 'modify-order', REJECT_MESSAGES.unknownOrder(entry.assetIndex), false);
          return;
        }
        const rejection = this.validate(entry, order.side, command.priceTicks, command.sizeLots, 'post-only');
        if (rejection !== undefined) {
          this.commandRejected(entry, command.clientOrderId, 'modify-order', rejection, true);
          return;
        }
        const samePlace = order.priceTicks === command.priceTicks && command.sizeLots <= order.restingLots;
        order.priceTicks = command.priceTicks;
        order.restingLots = command.sizeLots;
        // A modify is a cancel/replace: priority is kept only when the size shrinks in place.
        if (!samePlace) this.queue.onJoin(order, this.levelLots(entry, order.side, order.priceTicks));
        updateExtremes(entry);
        this.respond(this.scheduler.now(), {
          type: 'order-modified',
          symbol: entry.instrument.symbol,
          clientOrderId: order.clientOrderId,
          priceTicks: order.priceTicks,
          sizeLots: order.restingLots,
          venueTimeUs: this.scheduler.now(),
          localTimeUs: 0,
        });
        return;
      }
      case 'cancel-order': {
        const entry = this.entry(command.symbol);
        const index = entry.orders.findIndex((candidate) => candidate.clientOrderId === command.clientOrderId);
        if (index < 0) {
          this.commandRejected(entry, command.clientOrderId, 'cancel-order', REJECT_MESSAGES.unknownOrder(entry.assetIndex), false);
          return;
        }
        this.cancel(entry, index, 'requested');
        return;
      }
      case 'cancel-all': {
        for (const entry of this.symbolList) {
          if (command.symbol !== undefined && entry.instrument.symbol !== command.symbol) continue;
          while (entry.orders.length > 0) this.cancel(entry, entry.orders.length - 1, 'requested');
        }
        return;
      }
    }
  }

  private place(command: PlaceOrderCommand): void {
    this.stats.ordersReceived += 1;
    const entry = this.entry(command.symbol);
    const now = this.scheduler.now();
    if (entry.orders.some((order) => order.clientOrderId === command.clientOrderId)) {
      this.reject(entry, command.clientOrderId, REJECT_MESSAGES.duplicateClientOrderId);
      return;
    }
    const rejection = this.validate(entry, command.side, command.priceTicks, command.sizeLots, command.timeInForce);
    if (rejection !== undefined) {
      this.reject(entry, command.clientOrderId, rejection);
      return;
    }
    const order: SimOrder = {
      clientOrderId: command.clientOrderId,
      venueOrderId: String(this.nextVenueOrderId++),
      side: command.side,
      priceTicks: command.priceTicks,
      restingLots: command.sizeLots,
      queueAheadLots: 0,
      tradedSinceDepthLots: 0,
    };
    if (command.timeInForce !== 'post-only' && this.crosses(entry, command.side, command.priceTicks)) {
      this.respond(now, {
        type: 'order-accepted',
        symbol: entry.instrument.symbol,
        clientOrderId: order.clientOrderId,
        venueOrderId: order.venueOrderId,
        venueTimeUs: now,
        localTimeUs: 0,
      });
      this.takeLiquidity(entry, order);
      if (order.restingLots > 0 && command.timeInForce === 'ioc') {
        this.respond(now, {
          type: 'order-canceled',
          symbol: entry.instrument.symbol,
          clientOrderId: order.clientOrderId,
          reason: REJECT_MESSAGES.iocNoMatch,
          venueTimeUs: now,
          localTimeUs: 0,
        });
        return;
      }
      if (order.restingLots <= 0) return;
    } else if (command.timeInForce === 'ioc') {
      this.reject(entry, command.clientOrderId, REJECT_MESSAGES.iocNoMatch);
      return;
    } else {
      this.respond(now, {
        type: 'order-accepted',
        symbol: entry.instrument.symbol,
        clientOrderId: order.clientOrderId,
        venueOrderId: order.venueOrderId,
        venueTimeUs: now,
        localTimeUs: 0,
      });
    }
    this.queue.onJoin(order, this.levelLots(entry, order.side, order.priceTicks));
    entry.orders.push(order);
    updateExtremes(entry);
  }

  /** The venue's checks, in its order: grid, size, minimum value, post-only cross. */
  private validate(
    entry: SymbolBook,
    side: Side,
    priceTicks: number,
    sizeLots: number,
    timeInForce: PlaceOrderCommand['timeInForce'],
  ): string | undefined {
    const instrument = entry.instrument;
    if (!Number.isSafeInteger(priceTicks) || priceTicks <= 0 || !instrument.isValidPriceTicks(priceTicks)) return REJECT_MESSAGES.tick;
    if (!Number.isSafeInteger(sizeLots) || sizeLots <= 0) return REJECT_MESSAGES.invalidSize;
    if (!instrument.meetsMinNotional(priceTicks, sizeLots)) return REJECT_MESSAGES.minNotional;
    if (timeInForce === 'post-only' && this.crosses(entry, side, priceTicks)) {
      this.stats.postOnlyRejects += 1;
      const bestBid = entry.book.bestBidTicks();
      const bestAsk = entry.book.bestAskTicks();
      return REJECT_MESSAGES.postOnlyWouldCross(
        bestBid === undefined ? '0' : instrument.formatPrice(bestBid),
        bestAsk === undefined ? '0' : instrument.formatPrice(bestAsk),
        entry.assetIndex,
      );
    }
    return undefined;
  }

  private crosses(entry: SymbolBook, side: Side, priceTicks: number): boolean {
    if (side === 'buy') {
      const bestAsk = entry.book.bestAskTicks();
      return bestAsk !== undefined && priceTicks >= bestAsk;
    }
    const bestBid = entry.book.bestBidTicks();
    return bestBid !== undefined && priceTicks <= bestBid;
  }

  private levelLots(entry: SymbolBook, side: Side, priceTicks: number): number {
    return entry.book.side(side === 'buy' ? 'bid' : 'ask').sizeAt(priceTicks);
  }

  /** A marketable order walks the opposite side of the recorded book (without consuming it). */
  private takeLiquidity(entry: SymbolBook, order: SimOrder): void {
    const opposite = entry.book.side(order.side === 'buy' ? 'ask' : 'bid');
    const fills: Array<[number, number]> = [];
    let remaining = order.restingLots;
    opposite.forEachLevel((priceTicks, sizeLots) => {
      const crosses = order.side === 'buy' ? priceTicks <= order.priceTicks : priceTicks >= order.priceTicks;
      if (!crosses || remaining <= 0) return false;
      const take = Math.min(remaining, sizeLots);
      fills.push([priceTicks, take]);
      remaining -= take;
      return true;
    });
    for (const [priceTicks, lots] of fills) this.fill(entry, order, lots, priceTicks, 'taker');
  }

  /** Resting orders the opposite side of the book has moved through fill in full at their price. */
  private fillCrossedOrders(entry: SymbolBook): void {
    const orders = entry.orders;
    if (orders.length === 0) return;
    const bestBid = entry.book.bestBidTicks();
    const bestAsk = entry.book.bestAskTicks();
    for (let index = orders.length - 1; index >= 0; index -= 1) {
      const order = orders[index]!;
      const crossed =
        order.side === 'buy' ? bestAsk !== undefined && bestAsk <= order.priceTicks : bestBid !== undefined && bestBid >= order.priceTicks;
      if (crossed) this.fill(entry, order, order.restingLots, order.priceTicks, 'maker');
    }
  }

  private fill(entry: SymbolBook, order: SimOrder, lots: number, priceTicks: number, liquidity: 'maker' | 'taker'): void {
    if (lots <= 0) return;
    const now = this.scheduler.now();
    order.restingLots -= lots;
    entry.positionLots += order.side === 'buy' ? lots : -lots;
    const notional = entry.instrument.notional(priceTicks, lots);
    this.stats.fills += 1;
    if (liquidity === 'maker') this.stats.makerFills += 1;
    else this.stats.takerFills += 1;
    const event: OrderFilledEvent = {
      type: 'order-filled',
      symbol: entry.instrument.symbol,
      clientOrderId: order.clientOrderId,
      fillId: `sim-${this.nextFillId++}`,
      side: order.side,
      priceTicks,
      sizeLots: lots,
      remainingLots: order.restingLots,
      liquidity,
      feeQuote: this.fees.fee(notional, liquidity),
      venueTimeUs: now,
      localTimeUs: 0,
    };
    this.rememberFill(event);
    this.respond(now, event);
    if (order.restingLots <= 0) {
      const index = entry.orders.indexOf(order);
      if (index >= 0) entry.orders.splice(index, 1);
      updateExtremes(entry);
    }
  }

  private cancel(entry: SymbolBook, index: number, reason: string): void {
    const [order] = entry.orders.splice(index, 1);
    updateExtremes(entry);
    const now = this.scheduler.now();
    this.respond(now, {
      type: 'order-canceled',
      symbol: entry.instrument.symbol,
      clientOrderId: order!.clientOrderId,
      reason,
      venueTimeUs: now,
      localTimeUs: 0,
    });
  }

  private reject(entry: SymbolBook, clientOrderId: ClientOrderId, reason: string): void {
    if (!reason.startsWith('Post only')) this.stats.otherRejects += 1;
    const now = this.scheduler.now();
    this.respond(now, { type: 'order-rejected', symbol: entry.instrument.symbol, clientOrderId, reason, venueTimeUs: now, localTimeUs: 0 });
  }

  private commandRejected(
    entry: SymbolBook,
    clientOrderId: ClientOrderId,
    command: 'modify-order' | 'cancel-order',
    reason: string,
    orderStillResting: boolean,
  ): void {
    const now = this.scheduler.now();
    this.respond(now, {
      type: 'command-rejected',
      symbol: entry.instrument.symbol,
      clientOrderId,
      command,
      reason,
      orderStillResting,
      venueTimeUs: now,
      localTimeUs: 0,
    });
  }

  private rememberFill(event: OrderFilledEvent): void {
    if (this.fillHistoryCapacity <= 0) return;
    if (this.fillHistory.length < this.fillHistoryCapacity) {
      this.fillHistory.push(event);
      return;
    }
    this.fillHistory[this.fillHistoryStart] = event;
    this.fillHistoryStart = (this.fillHistoryStart + 1) % this.fillHistoryCapacity;
  }

  /** Sends an event back; it reaches us after the response latency, stamped with our receive time. */
  private respond(venueTimeUs: Micros, event: ExecutionEvent): void {
    const arrival = venueTimeUs + this.latency.responseLatencyUs(venueTimeUs);
    this.scheduler.schedule(arrival, () => {
      event.localTimeUs = arrival;
      for (const handler of this.handlers) handler(event);
    });
  }

  private entry(symbol: string): SymbolBook {
    const entry = this.symbols.get(symbol);
    if (entry === undefined) throw new InvalidInputError(`the simulated exchange does not list '${symbol}'`, { symbol });
    return entry;
  }
}

function updateExtremes(entry: SymbolBook): void {
  let highestBid = Number.NEGATIVE_INFINITY;
  let lowestAsk = Number.POSITIVE_INFINITY;
  for (const order of entry.orders) {
    if (order.side === 'buy') highestBid = Math.max(highestBid, order.priceTicks);
    else lowestAsk = Math.min(lowestAsk, order.priceTicks);
  }
  entry.highestBidTicks = highestBid;
  entry.lowestAskTicks = lowestAsk;
}
