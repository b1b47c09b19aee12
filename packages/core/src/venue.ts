import type { OrderCommand } from './commands.js';
import type { Micros } from './clock.js';
import type { ExecutionEvent, MarketDataEvent, OrderFilledEvent } from './events.js';
import type { Instrument } from './instrument.js';
import type { OpenOrder } from './types.js';

/** What an execution venue can do; diffing and the engine adapt to it. */
export interface ExecutionCapabilities {
  /** Native in-place modify (Hyperliquid `modify`/`batchModify`); else cancel + place. */
  modify: boolean;
  /** Several commands in one request. */
  batch: boolean;
  /** Largest batch accepted in one request (Hyperliquid: 40 per weight unit). */
  maxBatchSize: number;
  /** Post-only (ALO) orders. */
  postOnly: boolean;
  /** A venue-side dead man's switch (Hyperliquid `scheduleCancel`, Binance countdown cancel-all). */
  deadManSwitch: boolean;
}

export type Unsubscribe = () => void;

/** Market data in: book and trades for subscribed symbols, each event with both timestamps. */
export interface MarketDataVenue {
  readonly venue: string;
  instrument(symbol: string): Instrument;
  subscribe(symbol: string, onEvent: (event: MarketDataEvent) => void): Unsubscribe;
}

/** The venue's view of our account, used to reconcile after a (re)start or reconnect. */
export interface AccountSnapshot {
  openOrders: readonly OpenOrder[];
  /** Signed position in lots per symbol. */
  positions: Readonly<Record<string, number>>;
}

/** A position as the venue reports it, in lots of the instrument; the entry price when the venue has one. */
export interface PositionReport {
  symbol: string;
  /** Signed: long > 0, short < 0. */
  positionLots: number;
  averageEntryPriceTicks?: number;
}

/**
 * The venue's account in our units, for reconciliation: every open order that carries one of our
 * client order ids, the fills since a point in time, and the positions. Fills carry the same
 * `fillId` as the events the venue emitted for them (the fill dedupe relies on it), oldest first.
 */
export interface ExecutionReports {
  openOrders: readonly OpenOrder[];
  fills: readonly OrderFilledEvent[];
  positions: readonly PositionReport[];
  /** Venue time the reports were read at. */
  asOfUs: Micros;
}

export interface ReportsRequest {
  /** Fills at or after this venue time are reported. */
  fillsSinceUs: Micros;
  /**
   * Fills already on record (a journal, at start-up): only the fills missing from it are reported,
   * and a venue whose fill ids change between an order's answer and its trades (Hyperliquid's
   * post-response fills) matches them up itself, so no lot is reported twice.
   */
  bookedFills?: ReadonlyArray<Pick<OrderFilledEvent, 'fillId' | 'sizeLots'>>;
}

/**
 * Commands out, events in. `send` returns nothing: acks, rejects, fills and cancels come back as
 * events, so a strategy never awaits a venue and runs the same in a backtest and live.
 */
export interface ExecutionVenue {
  readonly venue: string;
  readonly capabilities: ExecutionCapabilities;
  send(commands: readonly OrderCommand[]): void;
  onEvent(handler: (event: ExecutionEvent) => void): Unsubscribe;
  /** Reads open orders and positions from the venue (I/O at the edge; the engine awaits it before quoting). */
  reconcile(): Promise<AccountSnapshot>;
  /**
   * Open orders, fills since `fillsSinceUs` and positions, as typed reports. Answered after every
   * command sent before the call, so an order sent earlier is either in the reports or was refused.
   */
  reports(request: ReportsRequest): Promise<ExecutionReports>;
  /**
   * The venue lost track of our account (a reconnect, an answer that never came, a malformed
   * message, a refused modify or cancel whose order state is now unknown): the engine should
   * reconcile before trusting its order state again. Venues without such doubts leave it out.
   */
  onReconcileNeeded?(handler: (reason: string) => void): Unsubscribe;
}
