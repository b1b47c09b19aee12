import { MICROS_PER_MILLI, type Instrument } from '@mm/core';
import type { LevelBuffer } from '@mm/book';
import { BookTickerScratch } from './book-ticker-scratch.js';
import { BookUpdateScratch } from './book-update-scratch.js';
import type { DecimalGrid } from './decimal-grid.js';
import { FrameParser } from './frame-parser.js';
import type { MarketDataVisitor } from './market-data-visitor.js';
import { TradeScratch } from './trade-scratch.js';

/** What `BinanceUsdmParser.parse` found; 'ignored' for other event types or symbols. */
export type BinanceUsdmMessageKind = 'depth-snapshot' | 'depth-update' | 'trade' | 'book-ticker' | 'ignored';

const EVENT_NONE = 0;
const EVENT_DEPTH = 1;
const EVENT_TRADE = 2;
const EVENT_TICKER = 3;
const EVENT_OTHER = 4;

// Decimal string fields whose text is kept as bounds until the event type is known.
const FIELD_TRADE_PRICE = 0; // p
const FIELD_TRADE_SIZE = 1; // q
const FIELD_BID_PRICE = 2; // b (bookTicker)
const FIELD_BID_SIZE = 3; // B
const FIELD_ASK_PRICE = 4; // a (bookTicker)
const FIELD_ASK_SIZE = 5; // A
const FIELD_COUNT = 6;
const FIELD_NAMES = ['p', 'q', 'b', 'B', 'a', 'A'];

/**
 * Binance USD-M futures frames → scratch events, by hand over the raw text: combined-stream
 * wrappers (`{"stream":…,"data":{…}}`) and bare payloads, `depthUpdate` diffs (with `U`/`u`/`pu`),
 * REST depth snapshots (`lastUpdateId`, `bids`, `asks`), `trade` and `bookTicker`. Prices and sizes
 * go straight from their decimal text to integer ticks and lots, exactly; an off-grid value, a
 * missing field or a malformed frame throws a `FeedParseError`.
 *
 * Timestamps: `venueTimeUs` is the transaction time `T` (when the matching engine made the change
 * or the trade) where the message has it (depth updates, trades, bookTicker and REST snapshots of
 * USD-M), else the event time `E` (when Binance sent the message), in microseconds. `E` runs 0 to
 * 14+ ms after `T` for depth updates, so dating book changes by `E` would put them after the
 * trades they belong to. `localTimeUs` is the caller's receive time.
 *
 * Trades: `m` true means the buyer was the maker, so the aggressor sold.
 */
export class BinanceUsdmParser extends FrameParser<BinanceUsdmMessageKind> {
  readonly venue = 'binance-usdm';
  /** Filled by 'depth-snapshot' and 'depth-update'. */
  readonly depth = new BookUpdateScratch();
  readonly trade = new TradeScratch();
  readonly bookTicker = new BookTickerScratch();
  private readonly symbol: string;

  // Fields of the frame being parsed; reset per frame.
  private event = EVENT_NONE;
  private symbolMatches = true;
  private symbolSeen = false;
  /** An off-grid level read before the message named its symbol (reported if it is ours). */
  private heldGridError: string | undefined;
  private eventTimeMs = Number.NaN;
  private transactTimeMs = Number.NaN;
  private firstUpdateId = Number.NaN;
  private finalUpdateId = Number.NaN;
  private prevFinalUpdateId = Number.NaN;
  private lastUpdateId = Number.NaN;
  private hasDepthLevels = false;
  private hasSnapshotLevels = false;
  /**
   * Start/end offsets of decimal string fields, parsed only once the event type is known: other
   * events reuse these keys with other grids (`markPriceUpdate`'s `p` has 8 decimals).
   */
  private readonly fieldBounds = new Int32Array(FIELD_COUNT * 2);
  private buyerIsMaker: boolean | undefined;
  private tradeId = Number.NaN;

  constructor(instrument: Instrument) {
    super(instrument, 'binance-usdm');
    this.symbol = instrument.symbol;
  }

  protected parseCurrent(localTimeUs: number): BinanceUsdmMessageKind {
    const cursor = this.cursor;
    this.event = EVENT_NONE;
    this.symbolMatches = true;
    this.symbolSeen = false;
    this.heldGridError = undefined;
    this.eventTimeMs = Number.NaN;
    this.transactTimeMs = Number.NaN;
    this.firstUpdateId = Number.NaN;
    this.finalUpdateId = Number.NaN;
    this.prevFinalUpdateId = Number.NaN;
    this.lastUpdateId = Number.NaN;
    this.hasDepthLevels = false;
    this.hasSnapshotLevels = false;
    this.fieldBounds.fill(-1);
    this.buyerIsMaker = undefined;
    this.tradeId = Number.NaN;
    this.depth.reset('delta', this.symbol, localTimeUs);
    this.readObject();
    if (cursor.peek() !== -1) cursor.fail('trailing text after the message');
    return this.finish(localTimeUs);
  }

  protected dispatch(kind: BinanceUsdmMessageKind, visitor: MarketDataVisitor): number {
    switch (kind) {
      case 'depth-snapshot':
      case 'depth-update':
        visitor.bookUpdate?.(this.depth);
        return 1;
      case 'trade':
        visitor.trade?.(this.trade);
        return 1;
      case 'book-ticker':
        visitor.bookTicker?.(this.bookTicker);
        return 1;
      case 'ignored':
        return 0;
    }
  }

  private readObject(): void {
    const cursor = this.cursor;
    cursor.enterObject();
    while (cursor.nextKey()) {
      if (cursor.length === 1) {
        this.readShortField(cursor.byteAt(0));
      } else if (cursor.is('data')) {
        this.readObject(); // combined-stream wrapper: the payload's fields merge in
      } else if (cursor.is('pu')) {
        this.prevFinalUpdateId = cursor.readSafeInteger();
      } else if (cursor.is('lastUpdateId')) {
        this.lastUpdateId = cursor.readSafeInteger();
      } else if (cursor.is('bids')) {
        this.readLevels(this.depth.bids);
        this.hasSnapshotLevels = true;
      } else if (cursor.is('asks')) {
        this.readLevels(this.depth.asks);
        this.hasSnapshotLevels = true;
      } else {
        cursor.skipValue(); // "stream", and fields we do not use
      }
    }
  }

  private readShortField(key: number): void {
    const cursor = this.cursor;
    switch (key) {
      case 101: // e
        cursor.readString();
        if (cursor.is('depthUpdate')) this.event = EVENT_DEPTH;
        else if (cursor.is('trade')) this.event = EVENT_TRADE;
        else if (cursor.is('bookTicker')) this.event = EVENT_TICKER;
        else this.event = EVENT_OTHER;
        return;
      case 69: // E
        this.eventTimeMs = cursor.readSafeInteger();
        return;
      case 84: // T
        this.transactTimeMs = cursor.readSafeInteger();
        return;
      case 115: // s
        cursor.readString();
        this.symbolMatches = cursor.is(this.symbol);
        this.symbolSeen = true;
        return;
      case 85: // U
        this.firstUpdateId = cursor.readSafeInteger();
        return;
      case 117: // u
        this.finalUpdateId = cursor.readSafeInteger();
        return;
      case 98: // b: diff bid levels, or the bookTicker bid price
        // Another symbol's levels (a combined stream of several) are skipped, not read on our grid.
        if (!this.symbolMatches) cursor.skipValue();
        else if (cursor.peek() === 91) {
          this.readLevels(this.depth.bids);
          this.hasDepthLevels = true;
        } else this.keepString(FIELD_BID_PRICE);
        return;
      case 97: // a
        if (!this.symbolMatches) cursor.skipValue();
        else if (cursor.peek() === 91) {
          this.readLevels(this.depth.asks);
          this.hasDepthLevels = true;
        } else this.keepString(FIELD_ASK_PRICE);
        return;
      case 66: // B
        this.keepString(FIELD_BID_SIZE);
        return;
      case 65: // A
        this.keepString(FIELD_ASK_SIZE);
        return;
      case 112: // p
        this.keepString(FIELD_TRADE_PRICE);
        return;
      case 113: // q
        this.keepString(FIELD_TRADE_SIZE);
        return;
      case 109: // m
        this.buyerIsMaker = cursor.readBoolean();
        return;
      case 116: // t
        this.tradeId = cursor.readSafeInteger();
        return;
      default:
        cursor.skipValue();
    }
  }

  /** `[["price","size"], …]` into a level buffer. */
  private readLevels(into: LevelBuffer): void {
    const cursor = this.cursor;
    cursor.enterArray();
    while (cursor.nextItem()) {
      cursor.enterArray();
      if (!cursor.nextItem()) cursor.fail('empty price level');
      const priceTicks = this.readPrice();
      if (!cursor.nextItem()) cursor.fail('price level without a size');
      const sizeLots = this.readSize();
      while (cursor.nextItem()) cursor.skipValue();
      into.push(priceTicks, sizeLots);
    }
  }

  private keepString(field: number): void {
    const cursor = this.cursor;
    cursor.readString();
    this.fieldBounds[field * 2] = cursor.start;
    this.fieldBounds[field * 2 + 1] = cursor.end;
  }

  /** A kept decimal field in units of `grid`; fails when absent or off-grid. */
  private keptUnits(field: number, grid: DecimalGrid): number {
    const start = this.fieldBounds[field * 2]!;
    const end = this.fieldBounds[field * 2 + 1]!;
    const cursor = this.cursor;
    if (start < 0) cursor.fail(`missing field '${FIELD_NAMES[field]}'`);
    const units = grid.parseBytes(cursor.bytes, start, end);
    if (!(units >= 0)) {
      cursor.start = start;
      cursor.end = end;
      cursor.fail(`'${FIELD_NAMES[field]}' = '${cursor.lastString()}' is not a multiple of ${grid.unitText}`, start);
    }
    return units;
  }

  private readPrice(): number {
    const cursor = this.cursor;
    const ticks = cursor.readQuotedUnits(this.prices);
    if (!(ticks >= 0)) this.offGrid(`price '${cursor.lastString()}' is not a multiple of tick ${this.prices.unitText}`);
    return ticks;
  }

  private readSize(): number {
    const cursor = this.cursor;
    const lots = cursor.readQuotedUnits(this.sizes);
    if (!(lots >= 0)) this.offGrid(`size '${cursor.lastString()}' is not a multiple of lot ${this.sizes.unitText}`);
    return lots;
  }

  /** Fails now, or once the symbol is known to be ours when the levels came before it. */
  private offGrid(problem: string): void {
    if (this.symbolSeen) this.cursor.fail(problem);
    this.heldGridError ??= problem;
  }

  private venueTimeUs(): number {
    const ms = Number.isNaN(this.transactTimeMs) ? this.eventTimeMs : this.transactTimeMs;
    if (!(ms > 0)) this.cursor.fail('missing transaction time T (or event time E)');
    return ms * MICROS_PER_MILLI;
  }

  private require(value: number, field: string): number {
    if (Number.isNaN(value)) this.cursor.fail(`missing field '${field}'`);
    return value;
  }

  private finish(localTimeUs: number): BinanceUsdmMessageKind {
    if (!this.symbolMatches) return 'ignored';
    if (this.heldGridError !== undefined) this.cursor.fail(this.heldGridError);
    if (this.event === EVENT_NONE && !Number.isNaN(this.lastUpdateId)) {
      if (!this.hasSnapshotLevels) this.cursor.fail("depth snapshot without 'bids'/'asks'");
      const depth = this.depth;
      depth.kind = 'snapshot';
      depth.venueTimeUs = this.venueTimeUs();
      depth.finalUpdateId = this.lastUpdateId;
      return 'depth-snapshot';
    }
    switch (this.event) {
      case EVENT_DEPTH: {
        if (!this.hasDepthLevels) this.cursor.fail("depthUpdate without 'b'/'a'");
        const depth = this.depth;
        depth.venueTimeUs = this.venueTimeUs();
        depth.firstUpdateId = this.require(this.firstUpdateId, 'U');
        depth.finalUpdateId = this.require(this.finalUpdateId, 'u');
        depth.prevFinalUpdateId = this.require(this.prevFinalUpdateId, 'pu');
        return 'depth-update';
      }
      case EVENT_TRADE: {
        const trade = this.trade;
        trade.symbol = this.symbol;
        trade.priceTicks = this.keptUnits(FIELD_TRADE_PRICE, this.prices);
        trade.sizeLots = this.keptUnits(FIELD_TRADE_SIZE, this.sizes);
        if (this.buyerIsMaker === undefined) this.cursor.fail("missing field 'm'");
        trade.aggressorSide = this.buyerIsMaker ? 'sell' : 'buy';
        trade.venueTimeUs = this.venueTimeUs();
        trade.localTimeUs = localTimeUs;
        trade.tradeId = this.tradeId;
        return 'trade';
      }
      case EVENT_TICKER: {
        const ticker = this.bookTicker;
        ticker.symbol = this.symbol;
        ticker.bidPriceTicks = this.keptUnits(FIELD_BID_PRICE, this.prices);
        ticker.bidSizeLots = this.keptUnits(FIELD_BID_SIZE, this.sizes);
        ticker.askPriceTicks = this.keptUnits(FIELD_ASK_PRICE, this.prices);
        ticker.askSizeLots = this.keptUnits(FIELD_ASK_SIZE, this.sizes);
        ticker.updateId = this.require(this.finalUpdateId, 'u');
        ticker.venueTimeUs = this.venueTimeUs();
        ticker.localTimeUs = localTimeUs;
        return 'book-ticker';
      }
      default:
        return 'ignored';
    }
  }
}
