import { InvalidInputError, type ClientOrderId, type ExecutionEvent, type OpenOrder, type OrderCommand, type Side } from '@mm/core';

export type OrderStatus =
  | 'pending-new'
  | 'open'
  | 'pending-modify'
  | 'pending-cancel'
  /** The venue refused a modify or cancel: only its reports can say whether the order still rests. */
  | 'unknown'
  | 'filled'
  | 'canceled'
  | 'rejected';

export interface OrderRecord {
  clientOrderId: ClientOrderId;
  symbol: string;
  side: Side;
  status: OrderStatus;
  /** Price and unfilled size the venue has (or will have, once acked). */
  priceTicks: number;
  restingLots: number;
  filledLots: number;
  venueOrderId: string | undefined;
  /** Target of an in-flight modify, applied when the venue confirms it. */
  pendingPriceTicks: number;
  pendingRestingLots: number;
}

/** What an event did to the registry; unknown orders are reported, never guessed at. */
export type OrderTransition =
  | { kind: 'applied'; order: OrderRecord }
  | { kind: 'unknown-order'; clientOrderId: ClientOrderId }
  /** A fill of an order this engine did not send, booked by reconciliation (an earlier session's). */
  | { kind: 'external'; clientOrderId: ClientOrderId }
  | { kind: 'ignored' };

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'rejected']);

/** Whether an order has ended (filled, canceled or rejected): no venue event moves it again. */
export function isTerminal(order: OrderRecord): boolean {
  return TERMINAL.has(order.status);
}

/**
 * The order state machine: every order we send, from send to a terminal state. Commands move orders
 * to pending states; venue events confirm them. In-flight orders count as resting for quoting (so a
 * quote is not sent twice while its ack travels) except those being cancelled.
 */
export class OrderRegistry {
  private readonly orders = new Map<ClientOrderId, OrderRecord>();
  private readonly live = new Map<ClientOrderId, OrderRecord>();
  /** Terminal orders oldest first; beyond `keepTerminal` the oldest are forgotten. */
  private readonly terminalIds: ClientOrderId[] = [];
  private terminalHead = 0;

  /**
   * @param keepTerminal terminal orders remembered so late duplicates (a cancel racing a fill) are
   * recognised; a days-long run then keeps flat memory. 10,000 is hours of requotes.
   */
  constructor(private readonly keepTerminal = 10_000) {}

  /** Records a command on its way to the venue. Throws on a command that contradicts the registry (a bug). */
  onCommandSent(command: OrderCommand): void {
    switch (command.type) {
      case 'place-order': {
        if (this.orders.has(command.clientOrderId)) {
          throw new InvalidInputError(`client order id ${command.clientOrderId} was already used`);
        }
        const record: OrderRecord = {
          clientOrderId: command.clientOrderId,
          symbol: command.symbol,
          side: command.side,
          status: 'pending-new',
          priceTicks: command.priceTicks,
          restingLots: command.sizeLots,
          filledLots: 0,
          venueOrderId: undefined,
          pendingPriceTicks: command.priceTicks,
          pendingRestingLots: command.sizeLots,
        };
        this.orders.set(record.clientOrderId, record);
        this.live.set(record.clientOrderId, record);
        return;
      }
      case 'modify-order': {
        const record = this.live.get(command.clientOrderId);
        if (record === undefined) return;
        record.status = 'pending-modify';
        record.pendingPriceTicks = command.priceTicks;
        record.pendingRestingLots = command.sizeLots;
        return;
      }
      case 'cancel-order': {
        const record = this.live.get(command.clientOrderId);
        if (record !== undefined) record.status = 'pending-cancel';
        return;
      }
      case 'cancel-all': {
        for (const record of this.live.values()) {
          if (command.symbol === undefined || record.symbol === command.symbol) record.status = 'pending-cancel';
        }
        return;
      }
    }
  }

  /** Applies a venue event. */
  onEvent(event: ExecutionEvent): OrderTransition {
    if (event.type === 'funding') return { kind: 'ignored' };
    const record = this.orders.get(event.clientOrderId);
    if (record === undefined) return { kind: 'unknown-order', clientOrderId: event.clientOrderId };
    if (TERMINAL.has(record.status)) {
      // Late duplicates after a terminal state change nothing (a cancel racing a fill, say).
      return { kind: 'ignored' };
    }
    switch (event.type) {
      case 'order-accepted':
        record.venueOrderId = event.venueOrderId;
        if (record.status === 'pending-new') record.status = 'open';
        break;
      case 'order-rejected':
        record.status = 'rejected';
        break;
      case 'order-filled':
        record.filledLots += event.sizeLots;
        record.restingLots = event.remainingLots;
        if (event.remainingLots <= 0) record.status = 'filled';
        else if (record.status === 'pending-new') record.status = 'open';
        break;
      case 'order-canceled':
        record.status = 'canceled';
        break;
      case 'order-modified':
        // A modify sets the new resting size; filled lots stay filled.
        record.priceTicks = event.priceTicks;
        record.restingLots = event.sizeLots;
        if (record.status === 'pending-modify' || record.status === 'unknown') record.status = 'open';
        break;
      case 'command-rejected':
        // Refused ("Cannot modify canceled or filled order", a budget): unless the venue says the
        // order rests unchanged, it may be gone. Not 'open' (that sends more modifies into the
        // void): unknown until the venue's reports settle it.
        if (record.status === 'pending-modify' || record.status === 'pending-cancel')
          record.status = event.orderStillResting === true ? 'open' : 'unknown';
        break;
    }
    if (TERMINAL.has(record.status)) this.retire(record);
    return { kind: 'applied', order: record };
  }

  private retire(record: OrderRecord): void {
    this.live.delete(record.clientOrderId);
    this.terminalIds.push(record.clientOrderId);
    if (this.terminalIds.length - this.terminalHead > this.keepTerminal) {
      const oldest = this.terminalIds[this.terminalHead]!;
      this.terminalHead += 1;
      const forgotten = this.orders.get(oldest);
      if (forgotten !== undefined && TERMINAL.has(forgotten.status)) this.orders.delete(oldest);
      // Compact now and then so the id list stays as small as the window.
      if (this.terminalHead >= this.keepTerminal) {
        this.terminalIds.splice(0, this.terminalHead);
        this.terminalHead = 0;
      }
    }
  }

  /** Orders remembered (live and recent terminal ones). */
  get size(): number {
    return this.orders.size;
  }

  /**
   * Takes over an order found resting at the venue that this registry does not track (an earlier
   * session's): 'open' to manage it like our own, 'pending-cancel' when a cancel is on its way.
   */
  adopt(order: OpenOrder, status: 'open' | 'pending-cancel'): OrderRecord {
    const record: OrderRecord = {
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      status,
      priceTicks: order.priceTicks,
      restingLots: order.sizeLots,
      filledLots: 0,
      venueOrderId: order.venueOrderId,
      pendingPriceTicks: order.priceTicks,
      pendingRestingLots: order.sizeLots,
    };
    this.orders.set(record.clientOrderId, record);
    this.live.set(record.clientOrderId, record);
    return record;
  }

  /** An acknowledged order as the venue reports it resting: its price and size are the venue's. */
  syncResting(record: OrderRecord, order: OpenOrder): void {
    if (record.status !== 'open' && record.status !== 'unknown') return; // a modify or cancel in flight answers for itself
    record.status = 'open';
    record.priceTicks = order.priceTicks;
    record.restingLots = order.sizeLots;
    if (order.venueOrderId !== undefined) record.venueOrderId = order.venueOrderId;
  }

  /** Forgets a place that was recorded but never sent (its handler failed before the batch left). */
  discard(clientOrderId: ClientOrderId): void {
    const record = this.live.get(clientOrderId);
    if (record === undefined || record.status !== 'pending-new') return;
    this.live.delete(clientOrderId);
    this.orders.delete(clientOrderId);
  }

  get(clientOrderId: ClientOrderId): OrderRecord | undefined {
    return this.orders.get(clientOrderId);
  }

  /** Orders not yet terminal, on one symbol or all. */
  liveOrders(symbol?: string): OrderRecord[] {
    const result: OrderRecord[] = [];
    for (const record of this.live.values()) if (symbol === undefined || record.symbol === symbol) result.push(record);
    return result;
  }

  /**
   * The resting quotes as the quoter's diff should see them: in-flight places and modifies at their
   * target, orders being cancelled left out (they are going away and must not be touched again).
   */
  quotingOrders(symbol: string): OpenOrder[] {
    const result: OpenOrder[] = [];
    for (const record of this.live.values()) {
      if (record.symbol !== symbol || record.status === 'pending-cancel') continue;
      const modifying = record.status === 'pending-modify';
      const order: OpenOrder = {
        clientOrderId: record.clientOrderId,
        symbol: record.symbol,
        side: record.side,
        priceTicks: modifying ? record.pendingPriceTicks : record.priceTicks,
        sizeLots: modifying ? record.pendingRestingLots : record.restingLots,
      };
      if (record.venueOrderId !== undefined) order.venueOrderId = record.venueOrderId;
      result.push(order);
    }
    return result;
  }

  /** How many quoting orders (see `quotingOrders`) rest on one side, without building the list. */
  quotingCount(symbol: string, side: Side): number {
    let count = 0;
    for (const record of this.live.values()) {
      if (record.symbol === symbol && record.side === side && record.status !== 'pending-cancel') count += 1;
    }
    return count;
  }

  /** Number of orders still live, for fail-closed checks and tests. */
  get liveCount(): number {
    return this.live.size;
  }
}
