import type { Clock } from './clock.js';
import type { OrderCommand } from './commands.js';
import type { ExecutionEvent, MarketDataEvent } from './events.js';
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
}

/** What a strategy is handed: the clock and a way to send commands. Nothing else reaches the outside. */
export interface StrategyContext {
  readonly clock: Clock;
  send(command: OrderCommand): void;
  /** Asks for a `timer` event named `name` at `atUs`, delivered through the event queue. */
  scheduleTimer(name: string, atUs: number): void;
}
