import type { BookSnapshotEvent, Instrument, Level, Micros, TradeEvent } from '@mm/core';
import { MICROS_PER_MILLI } from '@mm/core';
import type { WireL2Book } from './venue-schemas.js';
import { sideFromWire } from './wire-order.js';

/** A grid step (tick or lot) as integer units at a decimal scale: 0.1 is 1 at scale 1. */
export interface GridStep {
  units: number;
  scale: number;
}

/** Powers of ten that are exact doubles, by exponent. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const POINT = 46;

function gridStep(text: string): GridStep {
  const point = text.indexOf('.');
  const scale = point < 0 ? 0 : text.length - point - 1;
  return { units: Number(text.replace('.', '')), scale };
}

/** Each instrument's tick and lot as grid steps, worked out once. */
const gridSteps = new WeakMap<Instrument, { tick: GridStep; lot: GridStep }>();

function stepsOf(instrument: Instrument): { tick: GridStep; lot: GridStep } {
  let steps = gridSteps.get(instrument);
  if (steps === undefined) {
    steps = { tick: gridStep(instrument.tickSizeText), lot: gridStep(instrument.lotSizeText) };
    gridSteps.set(instrument, steps);
  }
  return steps;
}

/**
 * The venue's plain decimal text ("105055.0", "0.00733") as a whole number of grid steps, in
 * double arithmetic that is exact here: every integer involved stays below 2^53 (at most 15
 * digits). Undefined for any other text (sign, exponent, too many digits) or a value off the grid:
 * the caller then takes the Instrument's exact BigInt parse, which also rounds. This keeps the
 * 80 prices and sizes of a frame off the regex and BigInt path (most of the parse time per frame).
 */
export function plainGridUnits(text: string, step: GridStep): number | undefined {
  const length = text.length;
  if (length === 0 || length > 16) return undefined;
  let digits = 0;
  let whole = 0;
  let fraction = -1;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      whole = whole * 10 + (code - DIGIT_0);
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else if (code === POINT && fraction < 0 && index > 0 && index < length - 1) {
      fraction = 0;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const scale = fraction < 0 ? 0 : fraction;
  // value = whole / 10^scale; steps = value / (step.units / 10^step.scale).
  const exponent = step.scale - scale;
  let numerator = whole;
  let denominator = step.units;
  if (exponent >= 0) {
    if (exponent > 15) return undefined;
    numerator = whole * POWERS_OF_TEN[exponent]!;
  } else {
    if (-exponent > 15) return undefined;
    denominator = step.units * POWERS_OF_TEN[-exponent]!;
  }
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return undefined;
  // Both are exact integers, so the remainder is exact, and so is the quotient when it is zero.
  return numerator % denominator === 0 ? numerator / denominator : undefined;
}

function levels(instrument: Instrument, wire: readonly { px: string; sz: string }[]): Level[] {
  const { tick, lot } = stepsOf(instrument);
  const out: Level[] = new Array<Level>(wire.length);
  for (let index = 0; index < wire.length; index += 1) {
    const level = wire[index]!;
    out[index] = {
      priceTicks: plainGridUnits(level.px, tick) ?? instrument.parsePriceTicks(level.px, 'nearest'),
      sizeLots: plainGridUnits(level.sz, lot) ?? instrument.parseSizeLots(level.sz, 'nearest'),
    };
  }
  return out;
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
    priceTicks: plainGridUnits(trade.px, stepsOf(instrument).tick) ?? instrument.parsePriceTicks(trade.px, 'nearest'),
    sizeLots: plainGridUnits(trade.sz, stepsOf(instrument).lot) ?? instrument.parseSizeLots(trade.sz, 'nearest'),
    venueTimeUs: trade.time * MICROS_PER_MILLI,
    localTimeUs,
  };
}
