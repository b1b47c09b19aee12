import type { BookSnapshotEvent, Instrument, Level, Micros, TradeEvent } from '@mm/core';
import { MICROS_PER_MILLI } from '@mm/core';
import type { WireL2Book } from './venue-schemas.js';
import { sideFromWire } from './wire-order.js';

function levels(instrument: Instrument, wire: readonly { px: string; sz: string }[]): Level[] {
  return wire.map((level) => ({
    priceTicks: instrument.parsePriceTicks(level.px, 'nearest'),
    sizeLots: instrument.parseSizeLots(level.sz, 'nearest'),
  }));
}

/** An `l2Book` frame (a full snapshot, 20 levels a side) as a book-snapshot in ticks and lots. */
export function bookSnapshotFromWire(instrument: Instrument, book: WireL2Book, localTimeUs: Micros): BookSnapshotEvent {
  return {
    type: 'book-snapshot',
    symbol: instrument.symbol,
    bids: levels(instrument, book.levels[0]),
    asks: levels(instrument, book.levels[1]),
    venueTimeUs: book.time * MICROS_PER_MILLI,
    localTimeUs,
  };
}

/** A `trades` item; `side` is the aggressor's ('B' = buyer took the ask). */
export function tradeFromWire(
  instrument: Instrument,
  trade: { side: 'B' | 'A'; px: string; sz: string; time: number },
  localTimeUs: Micros,
): TradeEvent {
  return {
    type: 'trade',
    symbol: instrument.symbol,
    aggressorSide: sideFromWire(trade.side),
    priceTicks: instrument.parsePriceTicks(trade.px, 'nearest'),
    sizeLots: instrument.parseSizeLots(trade.sz, 'nearest'),
    venueTimeUs: trade.time * MICROS_PER_MILLI,
    localTimeUs,
  };
}
