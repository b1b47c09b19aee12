import type { Instrument } from '@mm/core';
import { DecimalGrid } from './decimal-grid.js';
import { JsonCursor } from './json-cursor.js';
import type { MarketDataParser, MarketDataVisitor } from './market-data-visitor.js';

/**
 * What every venue parser shares: a byte-level JSON cursor, the instrument's exact price and size
 * grids, and the four entry points (text or bytes; parse only, or parse and hand to a visitor).
 * A venue parser implements `parseCurrent` (read the frame under the cursor into its scratch
 * objects) and `dispatch` (call the visitor for what was read).
 */
export abstract class FrameParser<Kind> implements MarketDataParser {
  abstract readonly venue: string;
  readonly instrument: Instrument;
  protected readonly cursor: JsonCursor;
  protected readonly prices: DecimalGrid;
  protected readonly sizes: DecimalGrid;

  protected constructor(instrument: Instrument, venue: string) {
    this.instrument = instrument;
    this.cursor = new JsonCursor(venue);
    this.prices = new DecimalGrid(instrument.tickSizeText);
    this.sizes = new DecimalGrid(instrument.lotSizeText);
  }

  /** Parses one frame into the parser's scratch objects and says what it was. */
  parse(payload: string, localTimeUs: number): Kind {
    this.cursor.resetText(payload);
    return this.parseCurrent(localTimeUs);
  }

  /** `parse` over the UTF-8 bytes `bytes[start, end)` (replays hand over file bytes, no strings). */
  parseBytes(bytes: Uint8Array, start: number, end: number, localTimeUs: number): Kind {
    this.cursor.reset(bytes, start, end);
    return this.parseCurrent(localTimeUs);
  }

  emit(payload: string, localTimeUs: number, visitor: MarketDataVisitor): number {
    return this.dispatch(this.parse(payload, localTimeUs), visitor);
  }

  emitBytes(bytes: Uint8Array, start: number, end: number, localTimeUs: number, visitor: MarketDataVisitor): number {
    return this.dispatch(this.parseBytes(bytes, start, end, localTimeUs), visitor);
  }

  protected abstract parseCurrent(localTimeUs: number): Kind;

  protected abstract dispatch(kind: Kind, visitor: MarketDataVisitor): number;
}
