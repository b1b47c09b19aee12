/**
 * One row of a columnar event log: one price-level change, one trade, or a book marker.
 * `flags` holds two delivery bits and the kind:
 *  - EXCHANGE_EVENT: the simulated exchange applies the row at `exchTimeUs`;
 *  - LOCAL_EVENT: the strategy's view applies it at `localTimeUs`.
 * A row usually has both bits. When recorded venue times and receive times disagree in order,
 * an event is written twice, once per bit, so that the exchange-side rows are sorted by venue time
 * and the local-side rows by receive time (hftbacktest's event-order correction does the same).
 */
export const EXCHANGE_EVENT = 0b01;
export const LOCAL_EVENT = 0b10;
export const DELIVERY_MASK = 0b11;

/** Kinds live in the upper six bits: `flags >> 2`. */
export const EventKind = {
  /** A bid level now holds `sizeLots` (0 removes it). */
  BidLevel: 1,
  /** An ask level now holds `sizeLots` (0 removes it). */
  AskLevel: 2,
  /** A trade whose aggressor bought (lifted the ask). */
  TradeBuy: 3,
  /** A trade whose aggressor sold (hit the bid). */
  TradeSell: 4,
  /** Remove every bid level (a snapshot follows). */
  ClearBids: 5,
  /** Remove every ask level (a snapshot follows). */
  ClearAsks: 6,
  /** Data gap (disconnect, sequence break): the book is unknown until the next snapshot. */
  Gap: 7,
} as const;

export type EventKindCode = (typeof EventKind)[keyof typeof EventKind];

export function eventFlags(kind: EventKindCode, delivery: number): number {
  return (kind << 2) | delivery;
}

export function kindOf(flags: number): EventKindCode {
  return (flags >> 2) as EventKindCode;
}

/** Columns of a batch of rows, as typed arrays (no per-row objects on the replay's hot path). */
export interface EventColumns {
  length: number;
  flags: Uint8Array;
  exchTimeUs: Float64Array;
  localTimeUs: Float64Array;
  priceTicks: Float64Array;
  sizeLots: Float64Array;
  /** Hands the batch's memory back for reuse (see `readEventLogBatches`); the columns are invalid after. */
  release?: () => void;
}
