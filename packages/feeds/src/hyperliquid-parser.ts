import { MICROS_PER_MILLI, type Instrument } from '@mm/core';
import type { LevelBuffer } from '@mm/book';
import { BookUpdateScratch } from './book-update-scratch.js';
import type { DecimalGrid } from './decimal-grid.js';
import { FrameParser } from './frame-parser.js';
import type { MarketDataVisitor } from './market-data-visitor.js';
import { TradeScratch } from './trade-scratch.js';

/**
 * What `HyperliquidParser.parse` found; 'ignored' for other channels or coins; 'gap' for a
 * recorder's `mm.gap` marker line (the recording has a hole there: disconnect, stale stream, crash).
 */
export type HyperliquidMessageKind = 'book-snapshot' | 'trades' | 'gap' | 'ignored';

/** The channel of a recorder's gap marker: `{"channel":"mm.gap","data":{"reason","fromNs","toNs"}}`. */
const GAP_MARKER_CHANNEL = 'mm.gap';

/** Whether the message's `coin` has been read yet, and whether it is this parser's. */
const COIN_UNKNOWN = 0;
const COIN_OURS = 1;
const COIN_OTHER = 2;

/** A visitor that also wants the recorder's gap markers (plain visitors ignore them). */
export interface GapAwareVisitor extends MarketDataVisitor {
  /** A gap marker, at its line's local receive time. */
  gap?(localTimeUs: number): void;
}

const CHANNEL_UNKNOWN = 0;
const CHANNEL_L2BOOK = 1;
const CHANNEL_TRADES = 2;
const CHANNEL_OTHER = 3;
const CHANNEL_GAP = 4;
const INITIAL_TRADES = 16;

/**
 * Hyperliquid WebSocket frames → scratch events, by hand over the raw text: `l2Book` (whole
 * books, 20 levels a side: each one a snapshot) and `trades` (several trades a frame). Prices and
 * sizes are read exactly onto the instrument's tick and lot grid. `venueTimeUs` is the message's
 * `time` (ms). A trade's `side` is the aggressor's: "B" bought (lifted the ask), "A" sold.
 */
export class HyperliquidParser extends FrameParser<HyperliquidMessageKind> {
  readonly venue = 'hyperliquid';
  readonly book = new BookUpdateScratch();
  /** Filled by `loadTrade(i)`. */
  readonly trade = new TradeScratch();
  /** Trades in the last 'trades' frame (of this instrument's coin). */
  tradeCount = 0;
  private readonly coin: string;
  /** An off-grid price or size read before the message said its coin (reported if it is ours). */
  private heldGridError: string | undefined;
  private tradePrices = new Float64Array(INITIAL_TRADES);
  private tradeSizes = new Float64Array(INITIAL_TRADES);
  private tradeTimesUs = new Float64Array(INITIAL_TRADES);
  private tradeIds = new Float64Array(INITIAL_TRADES);
  private tradeBuys = new Uint8Array(INITIAL_TRADES);
  private localTimeUs = 0;

  constructor(instrument: Instrument) {
    super(instrument, 'hyperliquid');
    this.coin = instrument.symbol;
  }

  protected parseCurrent(localTimeUs: number): HyperliquidMessageKind {
    const cursor = this.cursor;
    this.localTimeUs = localTimeUs;
    this.tradeCount = 0;
    let channel = CHANNEL_UNKNOWN;
    let dataAt = -1;
    let kind: HyperliquidMessageKind = 'ignored';
    cursor.enterObject();
    while (cursor.nextKey()) {
      if (cursor.is('channel')) {
        cursor.readString();
        if (cursor.is('l2Book')) channel = CHANNEL_L2BOOK;
        else if (cursor.is('trades')) channel = CHANNEL_TRADES;
        else if (cursor.is(GAP_MARKER_CHANNEL)) channel = CHANNEL_GAP;
        else channel = CHANNEL_OTHER;
      } else if (cursor.is('data') && channel !== CHANNEL_UNKNOWN) {
        kind = this.readData(channel);
      } else if (cursor.is('data')) {
        dataAt = cursor.pos; // "data" before "channel": come back once the channel is known
        cursor.skipValue();
      } else {
        cursor.skipValue();
      }
    }
    if (cursor.peek() !== -1) cursor.fail('trailing text after the message');
    if (dataAt >= 0) {
      cursor.pos = dataAt;
      kind = this.readData(channel);
    }
    return channel === CHANNEL_GAP ? 'gap' : kind;
  }

  /** Loads the `index`-th trade of the last 'trades' frame into `trade` and returns it. */
  loadTrade(index: number): TradeScratch {
    const trade = this.trade;
    trade.symbol = this.coin;
    trade.priceTicks = this.tradePrices[index]!;
    trade.sizeLots = this.tradeSizes[index]!;
    trade.aggressorSide = this.tradeBuys[index] === 1 ? 'buy' : 'sell';
    trade.venueTimeUs = this.tradeTimesUs[index]!;
    trade.localTimeUs = this.localTimeUs;
    trade.tradeId = this.tradeIds[index]!;
    return trade;
  }

  protected dispatch(kind: HyperliquidMessageKind, visitor: MarketDataVisitor): number {
    switch (kind) {
      case 'book-snapshot':
        visitor.bookUpdate?.(this.book);
        return 1;
      case 'trades':
        if (visitor.trade !== undefined) {
          for (let i = 0; i < this.tradeCount; i += 1) visitor.trade(this.loadTrade(i));
        }
        return this.tradeCount;
      case 'gap':
        (visitor as GapAwareVisitor).gap?.(this.localTimeUs);
        return 0;
      case 'ignored':
        return 0;
    }
  }

  private readData(channel: number): HyperliquidMessageKind {
    if (channel === CHANNEL_L2BOOK) return this.readBook();
    if (channel === CHANNEL_TRADES) return this.readTrades();
    this.cursor.skipValue();
    return 'ignored';
  }

  private readBook(): HyperliquidMessageKind {
    const cursor = this.cursor;
    const book = this.book;
    book.reset('snapshot', this.coin, this.localTimeUs);
    // Files hold several coins (the recorder writes BTC and ETH together): another coin's levels
    // are skipped, not read on this instrument's grid. Should levels come before `coin`, an
    // off-grid value is held back until the coin is known.
    let coin = COIN_UNKNOWN;
    let timeMs = Number.NaN;
    let sides = 0;
    this.heldGridError = undefined;
    cursor.enterObject();
    while (cursor.nextKey()) {
      if (cursor.is('coin')) {
        cursor.readString();
        coin = cursor.is(this.coin) ? COIN_OURS : COIN_OTHER;
      } else if (cursor.is('time')) {
        timeMs = cursor.readSafeInteger();
      } else if (cursor.is('levels') && coin !== COIN_OTHER) {
        cursor.enterArray();
        while (cursor.nextItem()) {
          if (sides === 0) this.readLevels(book.bids, coin === COIN_UNKNOWN);
          else if (sides === 1) this.readLevels(book.asks, coin === COIN_UNKNOWN);
          else cursor.fail('l2Book with more than two sides');
          sides += 1;
        }
      } else {
        cursor.skipValue();
      }
    }
    if (coin !== COIN_OURS) return 'ignored';
    if (this.heldGridError !== undefined) cursor.fail(this.heldGridError);
    if (sides !== 2) cursor.fail('l2Book without bid and ask levels');
    if (!(timeMs > 0)) cursor.fail("l2Book without 'time'");
    book.venueTimeUs = timeMs * MICROS_PER_MILLI;
    return 'book-snapshot';
  }

  /** `[{"px":"…","sz":"…","n":…}, …]` into a level buffer. */
  private readLevels(into: LevelBuffer, holdGridErrors: boolean): void {
    const cursor = this.cursor;
    cursor.enterArray();
    while (cursor.nextItem()) {
      let priceTicks = Number.NaN;
      let sizeLots = Number.NaN;
      cursor.enterObject();
      while (cursor.nextKey()) {
        if (cursor.is('px')) priceTicks = this.readUnits(this.prices, 'px', holdGridErrors);
        else if (cursor.is('sz')) sizeLots = this.readUnits(this.sizes, 'sz', holdGridErrors);
        else cursor.skipValue();
      }
      if (this.heldGridError !== undefined) continue;
      if (Number.isNaN(priceTicks) || Number.isNaN(sizeLots)) cursor.fail("level without 'px' or 'sz'");
      into.push(priceTicks, sizeLots);
    }
  }

  private readTrades(): HyperliquidMessageKind {
    const cursor = this.cursor;
    cursor.enterArray();
    while (cursor.nextItem()) {
      let coin = COIN_UNKNOWN;
      let priceTicks = Number.NaN;
      let sizeLots = Number.NaN;
      let timeMs = Number.NaN;
      let tradeId = Number.NaN;
      let side = -1;
      this.heldGridError = undefined;
      cursor.enterObject();
      while (cursor.nextKey()) {
        if (cursor.is('coin')) {
          cursor.readString();
          coin = cursor.is(this.coin) ? COIN_OURS : COIN_OTHER;
        } else if (coin === COIN_OTHER) cursor.skipValue();
        else if (cursor.is('px')) priceTicks = this.readUnits(this.prices, 'px', coin === COIN_UNKNOWN);
        else if (cursor.is('sz')) sizeLots = this.readUnits(this.sizes, 'sz', coin === COIN_UNKNOWN);
        else if (cursor.is('side')) {
          cursor.readString();
          if (cursor.length === 1 && cursor.byteAt(0) === 66) side = 1;
          else if (cursor.length === 1 && cursor.byteAt(0) === 65) side = 0;
          else cursor.fail(`trade side '${cursor.lastString()}' is neither 'B' nor 'A'`);
        } else if (cursor.is('time')) timeMs = cursor.readSafeInteger();
        else if (cursor.is('tid')) {
          const id = cursor.readNumber();
          tradeId = Number.isSafeInteger(id) ? id : Number.NaN;
        } else cursor.skipValue();
      }
      if (coin !== COIN_OURS) continue;
      if (this.heldGridError !== undefined) cursor.fail(this.heldGridError);
      if (Number.isNaN(priceTicks) || Number.isNaN(sizeLots) || side < 0 || !(timeMs > 0)) {
        cursor.fail("trade without 'px', 'sz', 'side' or 'time'");
      }
      this.pushTrade(priceTicks, sizeLots, side, timeMs * MICROS_PER_MILLI, tradeId);
    }
    return this.tradeCount > 0 ? 'trades' : 'ignored';
  }

  private readUnits(grid: DecimalGrid, field: string, holdError: boolean): number {
    const cursor = this.cursor;
    const units = cursor.readQuotedUnits(grid);
    if (!(units >= 0)) {
      const problem = `${field} '${cursor.lastString()}' is not a multiple of ${grid.unitText}`;
      if (!holdError) cursor.fail(problem);
      this.heldGridError ??= problem;
    }
    return units;
  }

  private pushTrade(priceTicks: number, sizeLots: number, buy: number, timeUs: number, tradeId: number): void {
    if (this.tradeCount === this.tradePrices.length) this.growTrades();
    const i = this.tradeCount;
    this.tradePrices[i] = priceTicks;
    this.tradeSizes[i] = sizeLots;
    this.tradeBuys[i] = buy;
    this.tradeTimesUs[i] = timeUs;
    this.tradeIds[i] = tradeId;
    this.tradeCount += 1;
  }

  private growTrades(): void {
    const capacity = this.tradePrices.length * 2;
    const grow = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.tradePrices = grow(this.tradePrices, new Float64Array(capacity));
    this.tradeSizes = grow(this.tradeSizes, new Float64Array(capacity));
    this.tradeTimesUs = grow(this.tradeTimesUs, new Float64Array(capacity));
    this.tradeIds = grow(this.tradeIds, new Float64Array(capacity));
    this.tradeBuys = grow(this.tradeBuys, new Uint8Array(capacity));
  }
}
