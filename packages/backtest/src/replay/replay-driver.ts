import { OrderBook, type OrderBookSide } from '@mm/book';
import { ManualClock, type Micros, type TradeEvent } from '@mm/core';
import { TimedQueue, type Engine, type SymbolSlot } from '@mm/engine';
import { DataQualityLog, EventKind, EXCHANGE_EVENT, LOCAL_EVENT, type DataQualityEvent, type EventColumns } from '@mm/feeds';
import type { Scheduler } from '@mm/sim-exchange';
import type { SimulatedExchange } from '@mm/sim-exchange';

/** A batch of event-log rows and the shift to add to its times (for data replayed back to back). */
export interface ReplayBatch {
  columns: EventColumns;
  timeOffsetUs: Micros;
}

export interface ReplayProgress {
  rows: number;
  localTimeUs: Micros;
}

export interface ReplayHooks {
  /** Called at every multiple of `sampleIntervalUs` of replay time (equity curves, markouts). */
  onSample?(nowUs: Micros): void;
  sampleIntervalUs?: Micros;
  /** Called about every `progressEveryRows` rows. */
  onProgress?(progress: ReplayProgress): void;
  progressEveryRows?: number;
}

const INFINITY = Number.POSITIVE_INFINITY;
const EMPTY_FLAGS = new Uint8Array(0);
const EMPTY_VALUES = new Float64Array(0);
const KIND_BID = EventKind.BidLevel;
const KIND_ASK = EventKind.AskLevel;
const KIND_TRADE_BUY = EventKind.TradeBuy;
const KIND_TRADE_SELL = EventKind.TradeSell;
const KIND_CLEAR_BIDS = EventKind.ClearBids;
const KIND_CLEAR_ASKS = EventKind.ClearAsks;
const KIND_GAP = EventKind.Gap;
const WITHOUT_SNAPSHOT =
  'book rows before a snapshot (or after a gap): the book they build is incomplete and was not given to the strategy';

interface LoopState {
  hooks: ReplayHooks;
  sampleIntervalUs: Micros;
  progressEvery: number;
  nextSampleUs: Micros;
  nextProgress: number;
  exchangeRows: number;
  localRows: number;
  /** A snapshot's clear rows came and its levels are being applied (mirrors the exchange's flag). */
  snapshotPending: boolean;
}

/**
 * The columns of the batches the two cursors are in, with their time shifts: one object whose
 * fields keep one type each (no undefined), so the row loops read them as locals.
 */
class LoadedRows {
  xFlags: Uint8Array = EMPTY_FLAGS;
  xTimes: Float64Array = EMPTY_VALUES;
  xPrices: Float64Array = EMPTY_VALUES;
  xSizes: Float64Array = EMPTY_VALUES;
  xEnd = 0;
  xOffset = 0;
  lFlags: Uint8Array = EMPTY_FLAGS;
  lTimes: Float64Array = EMPTY_VALUES;
  lExchTimes: Float64Array = EMPTY_VALUES;
  lPrices: Float64Array = EMPTY_VALUES;
  lSizes: Float64Array = EMPTY_VALUES;
  lEnd = 0;
  lOffset = 0;

  load(exchangeBatch: ReplayBatch | undefined, localBatch: ReplayBatch | undefined): void {
    const x = exchangeBatch?.columns;
    this.xFlags = x === undefined ? EMPTY_FLAGS : x.flags;
    this.xTimes = x === undefined ? EMPTY_VALUES : x.exchTimeUs;
    this.xPrices = x === undefined ? EMPTY_VALUES : x.priceTicks;
    this.xSizes = x === undefined ? EMPTY_VALUES : x.sizeLots;
    this.xEnd = x === undefined ? 0 : x.length;
    this.xOffset = exchangeBatch?.timeOffsetUs ?? 0;
    const l = localBatch?.columns;
    this.lFlags = l === undefined ? EMPTY_FLAGS : l.flags;
    this.lTimes = l === undefined ? EMPTY_VALUES : l.localTimeUs;
    this.lExchTimes = l === undefined ? EMPTY_VALUES : l.exchTimeUs;
    this.lPrices = l === undefined ? EMPTY_VALUES : l.priceTicks;
    this.lSizes = l === undefined ? EMPTY_VALUES : l.sizeLots;
    this.lEnd = l === undefined ? 0 : l.length;
    this.lOffset = localBatch?.timeOffsetUs ?? 0;
  }
}

/** One timeline's position in the window of loaded batches. */
interface Cursor {
  batch: number;
  row: number;
}

/**
 * Replays an event log through the simulated exchange and the engine, in time order of three
 * sources: exchange-side rows at venue time, strategy-side rows at receive time, and scheduled
 * actions (orders reaching the exchange, answers reaching us) and timers. One cursor per timeline
 * walks the same batches (see `correctEventOrder`); a batch is dropped when both cursors have left
 * it, so memory stays flat however long the data.
 *
 * Ties at the same microsecond: exchange rows first, then scheduled actions, then timers, then the
 * strategy's rows: the venue acts on what it has before we see it.
 */
export class ReplayDriver implements Scheduler {
  readonly clock: ManualClock;
  private readonly engine: Engine;
  private readonly exchange: SimulatedExchange;
  private readonly slot: SymbolSlot;
  private readonly exchangeSymbol: number;
  private readonly actions = new TimedQueue<() => void>();
  private readonly window: ReplayBatch[] = [];
  private readonly exchangeCursor: Cursor = { batch: 0, row: 0 };
  private readonly localCursor: Cursor = { batch: 0, row: 0 };
  private readonly trade: TradeEvent;
  private readonly rows = new LoadedRows();
  /** The strategy's book sides (the engine slot's). */
  private readonly knownBids: OrderBookSide;
  private readonly knownAsks: OrderBookSide;
  /** Time of the last row handled by `exchangeRun` or `localFrames`. */
  private runEndUs: Micros = 0;
  private ended = false;
  /** State of the replay loop kept between batches (see `processLoadedRows`). */
  private loop: LoopState = {
    hooks: {},
    sampleIntervalUs: 0,
    progressEvery: 1_000_000,
    nextSampleUs: INFINITY,
    nextProgress: 1_000_000,
    exchangeRows: 0,
    localRows: 0,
    snapshotPending: false,
  };
  /** Bumped by every `schedule`, so a run of rows can tell that something new is due. */
  private scheduledCount = 0;
  /** Rows read by each timeline, for throughput figures. */
  readonly stats = { exchangeRows: 0, localRows: 0, actions: 0, localFrames: 0, lastEventUs: 0 };
  /**
   * Whether the strategy's book is known complete: from a snapshot frame on, until a gap. Before,
   * book rows build `pendingBook` instead, which the strategy never sees; the snapshot frame
   * starts from it (so a depth-limited snapshot keeps deeper levels learnt before it, as the
   * converter intends) and from then on the strategy is given the book.
   */
  private bookKnown = false;
  private readonly pendingBook = new OrderBook();
  /** Receive time from which the strategy was given a complete book (NaN: never). */
  bookKnownFromUs = Number.NaN;
  private readonly quality = new DataQualityLog();

  constructor(options: { clock: ManualClock; engine: Engine; exchange: SimulatedExchange; symbol: string }) {
    this.clock = options.clock;
    this.engine = options.engine;
    this.exchange = options.exchange;
    this.slot = options.engine.slot(options.symbol);
    this.knownBids = this.slot.book.side('bid');
    this.knownAsks = this.slot.book.side('ask');
    this.exchangeSymbol = options.exchange.symbolIndex(options.symbol);
    this.trade = {
      type: 'trade',
      symbol: options.symbol,
      aggressorSide: 'buy',
      priceTicks: 0,
      sizeLots: 0,
      venueTimeUs: 0,
      localTimeUs: 0,
    };
  }

  now(): Micros {
    return this.clock.now();
  }

  /**
   * What the replay found wrong with the data, first occurrence first: 'book-without-snapshot',
   * 'sequence-gap', 'crossed-book', 'locked-book' (see `DataQualityEvent`).
   */
  get dataQuality(): DataQualityEvent[] {
    return this.quality.events();
  }

  private noteQuality(kind: string, localTimeUs: Micros, detail: string | (() => string)): void {
    this.quality.note(kind, localTimeUs, detail);
  }

  /** The snapshot frame makes the book known: it starts from what was learnt before it. */
  private adoptPendingBook(now: Micros): void {
    for (const side of ['bid', 'ask'] as const) {
      const target = this.slot.book.side(side);
      target.clear();
      this.pendingBook.side(side).forEachLevel((priceTicks, sizeLots) => {
        target.setTrusted(priceTicks, sizeLots);
      });
    }
    this.pendingBook.clear();
    this.bookKnown = true;
    if (Number.isNaN(this.bookKnownFromUs)) this.bookKnownFromUs = now;
  }

  schedule(atUs: Micros, action: () => void): void {
    this.scheduledCount += 1;
    const now = this.clock.now();
    this.actions.push(atUs < now ? now : atUs, action);
  }

  /**
   * Runs to the end of the batches. Actions and timers still pending after the last row run only up
   * to the last row's time: the data says nothing about the market after it.
   */
  async run(batches: AsyncIterable<ReplayBatch>, hooks: ReplayHooks = {}): Promise<void> {
    const iterator = batches[Symbol.asyncIterator]();
    this.loop = {
      hooks,
      sampleIntervalUs: hooks.sampleIntervalUs ?? 0,
      progressEvery: hooks.progressEveryRows ?? 1_000_000,
      nextSampleUs: INFINITY,
      nextProgress: hooks.progressEveryRows ?? 1_000_000,
      exchangeRows: 0,
      localRows: 0,
      snapshotPending: false,
    };
    const engine = this.engine;
    const exchange = this.exchange;
    const clock = this.clock;
    const actions = this.actions;
    const exchangeSymbol = this.exchangeSymbol;
    const stats = this.stats;
    engine.start();

    for (;;) {
      const hasExchange = await this.settle(this.exchangeCursor, EXCHANGE_EVENT, iterator);
      const hasLocal = await this.settle(this.localCursor, LOCAL_EVENT, iterator);
      this.dropConsumedBatches();
      if (!hasExchange && !hasLocal) break;
      this.processLoadedRows(hasExchange, hasLocal);
    }

    // The data is over: what was already in flight completes up to the last event's time.
    if (exchange.isSnapshotPending(exchangeSymbol)) exchange.finishSnapshot(exchangeSymbol);
    const end = stats.lastEventUs;
    for (;;) {
      const ta = actions.peekTime();
      const tt = engine.nextTimerUs();
      if (ta > end && tt > end) break;
      if (ta <= tt) {
        if (ta > clock.now()) clock.set(ta);
        actions.pop()!();
        stats.actions += 1;
      } else {
        if (tt > clock.now()) clock.set(tt);
        engine.fireDueTimers();
      }
    }
  }

  /**
   * Handles loaded rows until a cursor reaches the end of its batch: picks the source due first and
   * hands it a run of rows (`exchangeRun`, `localFrames`), a scheduled action or the due timers.
   * Synchronous and apart from `run`, so its variables live in registers: an async function keeps
   * locals that outlive an `await` in a heap context, which costs on every row.
   */
  private processLoadedRows(hasExchange: boolean, hasLocal: boolean): void {
    const loop = this.loop;
    const hooks = loop.hooks;
    const sampleIntervalUs = loop.sampleIntervalUs;
    const progressEvery = loop.progressEvery;
    let nextSampleUs = loop.nextSampleUs;
    let nextProgress = loop.nextProgress;
    const engine = this.engine;
    const clock = this.clock;
    const actions = this.actions;
    const stats = this.stats;
    const rows = this.rows;
    rows.load(hasExchange ? this.window[this.exchangeCursor.batch] : undefined, hasLocal ? this.window[this.localCursor.batch] : undefined);
    const xFlags = rows.xFlags;
    const xTimes = rows.xTimes;
    const xEnd = rows.xEnd;
    const exchangeOffset = rows.xOffset;
    const lFlags = rows.lFlags;
    const lTimes = rows.lTimes;
    const lEnd = rows.lEnd;
    const localOffset = rows.lOffset;
    let xRow = this.exchangeCursor.row;
    let lRow = this.localCursor.row;
    if (sampleIntervalUs > 0 && nextSampleUs === INFINITY) {
      const first = Math.min(hasExchange ? xTimes[xRow]! + exchangeOffset : INFINITY, hasLocal ? lTimes[lRow]! + localOffset : INFINITY);
      nextSampleUs = Math.floor(first / sampleIntervalUs) * sampleIntervalUs + sampleIntervalUs;
    }

    // Runs of rows of one timeline are handled in tight loops up to the next time another source is
    // due; a scheduled action (an order sent, a fill answered) ends a run early so it is not overtaken.
    for (;;) {
      if (hasExchange) {
        while (xRow < xEnd && (xFlags[xRow]! & EXCHANGE_EVENT) === 0) xRow += 1;
        if (xRow >= xEnd) break;
      }
      if (hasLocal) {
        while (lRow < lEnd && (lFlags[lRow]! & LOCAL_EVENT) === 0) lRow += 1;
        if (lRow >= lEnd) break;
      }
      const tx = hasExchange ? xTimes[xRow]! + exchangeOffset : INFINITY;
      const tl = hasLocal ? lTimes[lRow]! + localOffset : INFINITY;
      const ta = actions.peekTime();
      const tt = engine.nextTimerUs();
      let now: number;
      if (tx <= ta && tx <= tt && tx <= tl) {
        // Ties go to the exchange.
        let bound = ta < tt ? (ta < tl ? ta : tl) : tt < tl ? tt : tl;
        if (nextSampleUs < bound) bound = nextSampleUs;
        xRow = this.exchangeRun(xRow, bound);
        now = this.runEndUs;
      } else if (ta <= tt && ta <= tl) {
        now = ta;
        this.endSnapshot();
        if (now > clock.now()) clock.set(now);
        actions.pop()!();
        stats.actions += 1;
      } else if (tt <= tl) {
        now = tt;
        if (now > clock.now()) clock.set(now);
        engine.fireDueTimers();
      } else {
        let bound = tx < ta ? (tx < tt ? tx : tt) : ta < tt ? ta : tt;
        if (nextSampleUs < bound) bound = nextSampleUs;
        lRow = this.localFrames(lRow, bound);
        now = this.runEndUs;
      }
      if (now >= nextSampleUs) {
        do {
          hooks.onSample?.(nextSampleUs);
          nextSampleUs += sampleIntervalUs;
        } while (nextSampleUs <= now);
      }
      if (loop.localRows >= nextProgress) {
        nextProgress += progressEvery;
        hooks.onProgress?.({ rows: loop.exchangeRows + loop.localRows, localTimeUs: now });
      }
      stats.lastEventUs = now;
    }
    stats.exchangeRows = loop.exchangeRows;
    stats.localRows = loop.localRows;
    this.exchangeCursor.row = xRow;
    this.localCursor.row = lRow;
    loop.nextSampleUs = nextSampleUs;
    loop.nextProgress = nextProgress;
  }

  /** A snapshot being applied ends before anything else happens at the exchange. */
  private endSnapshot(): void {
    if (this.loop.snapshotPending) {
      this.exchange.finishSnapshot(this.exchangeSymbol);
      this.loop.snapshotPending = false;
    }
  }

  /**
   * Exchange rows from `xRow` at times up to `bound` (or until something is scheduled) applied to
   * the simulated exchange's book and trades. Returns the next row; `runEndUs` is the last time.
   */
  private exchangeRun(xRow: number, bound: Micros): number {
    const rows = this.rows;
    const xFlags = rows.xFlags;
    const xTimes = rows.xTimes;
    const xPrices = rows.xPrices;
    const xSizes = rows.xSizes;
    const xEnd = rows.xEnd;
    const exchangeOffset = rows.xOffset;
    const exchange = this.exchange;
    const exchangeSymbol = this.exchangeSymbol;
    const clock = this.clock;
    const loop = this.loop;
    const scheduledBefore = this.scheduledCount;
    let clockNow = clock.now();
    let snapshotPending = loop.snapshotPending;
    let exchangeRows = loop.exchangeRows;
    let now = xTimes[xRow]! + exchangeOffset;
    do {
      const t = xTimes[xRow]! + exchangeOffset;
      if (t > bound) break;
      now = t;
      if (t > clockNow) {
        clock.set(t);
        clockNow = t;
      }
      const kind = xFlags[xRow]! >> 2;
      const price = xPrices[xRow]!;
      if (kind === KIND_BID) exchange.applyDepth(exchangeSymbol, true, price, xSizes[xRow]!);
      else if (kind === KIND_ASK) exchange.applyDepth(exchangeSymbol, false, price, xSizes[xRow]!);
      else if (kind === KIND_CLEAR_BIDS || kind === KIND_CLEAR_ASKS) {
        exchange.clearSide(exchangeSymbol, kind === KIND_CLEAR_BIDS, price);
        snapshotPending = true;
      } else {
        if (snapshotPending) {
          exchange.finishSnapshot(exchangeSymbol);
          snapshotPending = false;
        }
        if (kind === KIND_TRADE_BUY || kind === KIND_TRADE_SELL)
          exchange.applyTrade(exchangeSymbol, kind === KIND_TRADE_BUY, price, xSizes[xRow]!);
      }
      xRow += 1;
      exchangeRows += 1;
      while (xRow < xEnd && (xFlags[xRow]! & EXCHANGE_EVENT) === 0) xRow += 1;
      // A snapshot ends where the next exchange row is no longer one of its levels.
      if (snapshotPending) {
        const nextKind = xRow < xEnd ? xFlags[xRow]! >> 2 : 0;
        const sameFrame = xRow < xEnd && xTimes[xRow]! + exchangeOffset === t;
        if (!sameFrame || nextKind === KIND_TRADE_BUY || nextKind === KIND_TRADE_SELL || nextKind === KIND_GAP) {
          exchange.finishSnapshot(exchangeSymbol);
          snapshotPending = false;
        }
      }
      if (this.scheduledCount !== scheduledBefore) break;
    } while (xRow < xEnd);
    loop.snapshotPending = snapshotPending;
    loop.exchangeRows = exchangeRows;
    this.runEndUs = now;
    return xRow;
  }

  /**
   * Received frames from `lRow` before `bound` (or until something is scheduled): every local row
   * with one receive time, then one book notification, frame after frame. Returns the next row;
   * `runEndUs` is the last frame's time.
   */
  private localFrames(lRow: number, bound: Micros): number {
    const rows = this.rows;
    const lFlags = rows.lFlags;
    const lTimes = rows.lTimes;
    const lExchTimes = rows.lExchTimes;
    const lPrices = rows.lPrices;
    const lSizes = rows.lSizes;
    const lEnd = rows.lEnd;
    const localOffset = rows.lOffset;
    const engine = this.engine;
    const clock = this.clock;
    const slot = this.slot;
    const trade = this.trade;
    const stats = this.stats;
    const knownBids = this.knownBids;
    const knownAsks = this.knownAsks;
    let bids: OrderBookSide = this.bookKnown ? knownBids : this.pendingBook.side('bid');
    let asks: OrderBookSide = this.bookKnown ? knownAsks : this.pendingBook.side('ask');
    const scheduledBefore = this.scheduledCount;
    let clockNow = clock.now();
    let localRows = this.loop.localRows;
    let now = lTimes[lRow]! + localOffset;
    for (;;) {
      const frameTime = lTimes[lRow]! + localOffset;
      if (frameTime >= bound) break;
      now = frameTime;
      if (frameTime > clockNow) {
        clock.set(frameTime);
        clockNow = frameTime;
      }
      let bookChanged = false;
      let gapFrame = false;
      while (lRow < lEnd) {
        const flags = lFlags[lRow]!;
        if ((flags & LOCAL_EVENT) !== 0) {
          if (lTimes[lRow]! + localOffset !== frameTime) break;
          const kind = flags >> 2;
          const price = lPrices[lRow]!;
          if (kind === KIND_BID) {
            bids.setTrusted(price, lSizes[lRow]!);
            bookChanged = true;
          } else if (kind === KIND_ASK) {
            asks.setTrusted(price, lSizes[lRow]!);
            bookChanged = true;
          } else if (kind === KIND_TRADE_BUY || kind === KIND_TRADE_SELL) {
            trade.aggressorSide = kind === KIND_TRADE_BUY ? 'buy' : 'sell';
            trade.priceTicks = price;
            trade.sizeLots = lSizes[lRow]!;
            trade.localTimeUs = frameTime;
            trade.venueTimeUs = lExchTimes[lRow]! + localOffset;
            engine.onTrade(trade);
          } else if (kind === KIND_CLEAR_BIDS || kind === KIND_CLEAR_ASKS) {
            if (bids !== knownBids) {
              this.adoptPendingBook(frameTime);
              bids = knownBids;
              asks = knownAsks;
            }
            const side = kind === KIND_CLEAR_BIDS ? bids : asks;
            if (Number.isNaN(price)) side.clear();
            else side.clearThroughPrice(price);
            bookChanged = true;
          } else if (kind === KIND_GAP) {
            this.forgetBook(frameTime);
            bids = this.pendingBook.side('bid');
            asks = this.pendingBook.side('ask');
            gapFrame = true;
          }
          localRows += 1;
        }
        lRow += 1;
      }
      stats.localFrames += 1;
      if (bookChanged || gapFrame) {
        const known = bids === knownBids;
        if (bookChanged && !known) this.noteQuality('book-without-snapshot', frameTime, WITHOUT_SNAPSHOT);
        if (known) this.checkCrossed(frameTime);
        if (known || gapFrame) engine.onBookUpdated(slot);
      }
      while (lRow < lEnd && (lFlags[lRow]! & LOCAL_EVENT) === 0) lRow += 1;
      if (lRow >= lEnd || this.scheduledCount !== scheduledBefore) break;
    }
    this.loop.localRows = localRows;
    this.runEndUs = now;
    return lRow;
  }

  /**
   * A gap: the book is unknown until the next snapshot. The strategy's book is emptied, so nothing
   * quotes on it, and the rows until then build the pending book the strategy does not see.
   */
  private forgetBook(frameTime: Micros): void {
    this.noteQuality(
      'sequence-gap',
      frameTime,
      'the update sequence broke (or the recorder marked a disconnect): the book is unknown until the next snapshot',
    );
    this.knownBids.clear();
    this.knownAsks.clear();
    if (this.bookKnown) {
      this.bookKnown = false;
      this.pendingBook.clear();
    }
  }

  private checkCrossed(frameTime: Micros): void {
    const bestBid = this.knownBids.bestPriceTicks();
    const bestAsk = this.knownAsks.bestPriceTicks();
    if (bestBid !== undefined && bestAsk !== undefined && bestBid >= bestAsk) {
      this.noteQuality(
        bestBid > bestAsk ? 'crossed-book' : 'locked-book',
        frameTime,
        () => `best bid ${bestBid} ${bestBid > bestAsk ? 'above' : 'at'} best ask ${bestAsk} (ticks)`,
      );
    }
  }

  /** Moves a cursor onto the next row of its timeline, loading batches; false when there is none. */
  private async settle(cursor: Cursor, delivery: number, iterator: AsyncIterator<ReplayBatch>): Promise<boolean> {
    for (;;) {
      while (this.window.length <= cursor.batch) {
        if (this.ended) return false;
        const next = await iterator.next();
        if (next.done === true) {
          this.ended = true;
          return false;
        }
        this.window.push(next.value);
      }
      const columns = this.window[cursor.batch]!.columns;
      while (cursor.row < columns.length && (columns.flags[cursor.row]! & delivery) === 0) cursor.row += 1;
      if (cursor.row < columns.length) return true;
      cursor.batch += 1;
      cursor.row = 0;
    }
  }

  private dropConsumedBatches(): void {
    const keepFrom = Math.min(this.exchangeCursor.batch, this.localCursor.batch);
    if (keepFrom <= 0) return;
    for (let index = 0; index < keepFrom && index < this.window.length; index += 1) this.window[index]!.columns.release?.();
    this.window.splice(0, keepFrom);
    this.exchangeCursor.batch -= keepFrom;
    this.localCursor.batch -= keepFrom;
  }
}
