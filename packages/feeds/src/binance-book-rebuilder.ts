import { LevelBuffer, OrderBook, type OrderBookSide } from '@mm/book';
import { parseConfig } from '@mm/core';
import { z } from 'zod';
import type { BookUpdateScratch } from './book-update-scratch.js';
import { BinanceDepthSequencer, type DepthSequenceVerdict } from './binance-depth-sequencer.js';
import type { BookGapEvent } from './feed-events.js';

export const binanceBookRebuilderOptionsSchema = z.strictObject({
  /**
   * What a REST snapshot replaces. 'range' (default): only prices from its best through its worst
   * level on each side, because a depth-limited snapshot (1,000 levels) says nothing about prices
   * beyond; deeper levels learnt from diffs stay. 'full': the whole book, as the venue's recipe
   * says. They differ only in levels deeper than the snapshot that no later diff touched.
   */
  snapshotScope: z.enum(['range', 'full']).default('range'),
  /** After a gap: 'continue' applies diffs from the gap on (backtests); 'resync' waits for a snapshot (live). */
  gapPolicy: z.enum(['continue', 'resync']).default('continue'),
  /** Diffs kept while waiting for a snapshot, to replay the ones it does not cover; oldest dropped first. */
  maxBufferedUpdates: z.number().int().min(0).default(10_000),
  /** Passed to the `OrderBook`. */
  windowTicks: z.number().int().optional(),
});

export type BinanceBookRebuilderOptions = z.input<typeof binanceBookRebuilderOptionsSchema>;

/** Counters of a rebuild; `appliedLevelChanges` counts price levels of diffs applied in sequence (not unsynced best-effort ones). */
export interface BinanceRebuildStats {
  snapshots: number;
  appliedUpdates: number;
  staleUpdates: number;
  unsyncedUpdates: number;
  gaps: number;
  appliedLevelChanges: number;
}

interface BufferedUpdate {
  firstUpdateId: number;
  finalUpdateId: number;
  prevFinalUpdateId: number;
  venueTimeUs: number;
  localTimeUs: number;
  readonly bids: LevelBuffer;
  readonly asks: LevelBuffer;
}

/**
 * Keeps an `OrderBook` in step with Binance USD-M depth: snapshots and diffs in, sequencing by
 * `BinanceDepthSequencer`, gaps out as `BookGapEvent` values (to `onGap`, and in `lastGap`).
 *
 * Diffs that arrive before a snapshot are applied at once (the book is marked unsynced) and
 * buffered; the snapshot then replaces its price range and the buffered diffs it does not cover
 * (`u >= lastUpdateId`) are applied again, in order. Re-applying is safe because a diff sets
 * absolute sizes. In recorded captures this matters: the diff that bridges the snapshot is
 * usually received before the snapshot's REST answer.
 */
export class BinanceBookRebuilder {
  readonly book: OrderBook;
  readonly sequencer: BinanceDepthSequencer;
  readonly stats: BinanceRebuildStats = {
    snapshots: 0,
    appliedUpdates: 0,
    staleUpdates: 0,
    unsyncedUpdates: 0,
    gaps: 0,
    appliedLevelChanges: 0,
  };
  lastGap: BookGapEvent | undefined;
  private readonly onGap: ((gap: BookGapEvent) => void) | undefined;
  private readonly fullSnapshots: boolean;
  private readonly maxBuffered: number;
  private readonly buffered: BufferedUpdate[] = [];
  private bufferedCount = 0;
  private symbol = '';

  constructor(options: BinanceBookRebuilderOptions = {}, onGap?: (gap: BookGapEvent) => void) {
    const valid = parseConfig(binanceBookRebuilderOptionsSchema, options, 'Binance book rebuilder options');
    this.book = new OrderBook(valid.windowTicks === undefined ? {} : { windowTicks: valid.windowTicks });
    this.sequencer = new BinanceDepthSequencer(valid.gapPolicy);
    this.fullSnapshots = valid.snapshotScope === 'full';
    this.maxBuffered = valid.maxBufferedUpdates;
    this.onGap = onGap;
  }

  /** True once a snapshot and its bridging diff are in and no gap has broken the chain (under 'resync'). */
  get isSynced(): boolean {
    return this.sequencer.state === 'synced';
  }

  get bufferedUpdateCount(): number {
    return this.bufferedCount;
  }

  /** Applies a parsed snapshot or diff; returns the diff's verdict, or 'snapshot'. */
  apply(update: BookUpdateScratch): DepthSequenceVerdict | 'snapshot' {
    if (update.kind === 'snapshot') {
      this.applySnapshot(update);
      return 'snapshot';
    }
    return this.applyDiff(update);
  }

  applySnapshot(update: BookUpdateScratch): void {
    this.symbol = update.symbol;
    const book = this.book;
    if (this.fullSnapshots) book.clear();
    else {
      clearSnapshotRange(book.bids, update.bids);
      clearSnapshotRange(book.asks, update.asks);
    }
    book.bids.applyLevels(update.bids);
    book.asks.applyLevels(update.asks);
    this.stats.snapshots += 1;
    this.sequencer.onSnapshot(update.finalUpdateId);
    this.replayBuffered();
  }

  applyDiff(update: BookUpdateScratch): DepthSequenceVerdict {
    this.symbol = update.symbol;
    const verdict = this.sequencer.check(update.firstUpdateId, update.finalUpdateId, update.prevFinalUpdateId);
    switch (verdict) {
      case 'apply':
        this.applyLevels(update.bids, update.asks);
        this.stats.appliedUpdates += 1;
        break;
      case 'stale':
        this.stats.staleUpdates += 1;
        break;
      case 'gap':
        this.reportGap(update);
        if (this.sequencer.state === 'synced') {
          this.applyLevels(update.bids, update.asks);
          this.stats.appliedUpdates += 1;
        } else this.applyUnsynced(update);
        break;
      case 'unsynced':
        this.applyUnsynced(update);
        break;
    }
    return verdict;
  }

  /** Best effort while unsynced: apply now (deep levels survive a range snapshot), keep for replay. */
  private applyUnsynced(update: BookUpdateScratch): void {
    this.stats.unsyncedUpdates += 1;
    this.book.bids.applyLevels(update.bids);
    this.book.asks.applyLevels(update.asks);
    if (this.maxBuffered === 0) return;
    if (this.bufferedCount === this.maxBuffered) {
      // Drop the oldest; its object is reused for the newest.
      const oldest = this.buffered.shift()!;
      this.buffered.push(oldest);
      this.bufferedCount -= 1;
    }
    let slot = this.buffered[this.bufferedCount];
    if (slot === undefined) {
      slot = {
        firstUpdateId: 0,
        finalUpdateId: 0,
        prevFinalUpdateId: 0,
        venueTimeUs: 0,
        localTimeUs: 0,
        bids: new LevelBuffer(),
        asks: new LevelBuffer(),
      };
      this.buffered.push(slot);
    }
    slot.firstUpdateId = update.firstUpdateId;
    slot.finalUpdateId = update.finalUpdateId;
    slot.prevFinalUpdateId = update.prevFinalUpdateId;
    slot.venueTimeUs = update.venueTimeUs;
    slot.localTimeUs = update.localTimeUs;
    slot.bids.copyFrom(update.bids);
    slot.asks.copyFrom(update.asks);
    this.bufferedCount += 1;
  }

  private replayBuffered(): void {
    const count = this.bufferedCount;
    let kept = 0;
    for (let i = 0; i < count; i += 1) {
      const slot = this.buffered[i]!;
      if (this.sequencer.state === 'awaiting-snapshot') {
        // A gap under 'resync' during the replay: the rest waits for the next snapshot.
        this.swapSlots(i, kept);
        kept += 1;
        continue;
      }
      const verdict = this.sequencer.check(slot.firstUpdateId, slot.finalUpdateId, slot.prevFinalUpdateId);
      if (verdict === 'apply') {
        this.applyLevels(slot.bids, slot.asks);
        this.stats.appliedUpdates += 1;
      } else if (verdict === 'stale') {
        this.stats.staleUpdates += 1;
      } else if (verdict === 'gap') {
        this.reportGap(slot);
        if (this.sequencer.state === 'synced') {
          this.applyLevels(slot.bids, slot.asks);
          this.stats.appliedUpdates += 1;
        } else {
          this.swapSlots(i, kept);
          kept += 1;
        }
      }
    }
    this.bufferedCount = kept;
  }

  private swapSlots(from: number, to: number): void {
    if (from === to) return;
    const moving = this.buffered[from]!;
    this.buffered[from] = this.buffered[to]!;
    this.buffered[to] = moving;
  }

  private applyLevels(bids: LevelBuffer, asks: LevelBuffer): void {
    this.book.bids.applyLevels(bids);
    this.book.asks.applyLevels(asks);
    this.stats.appliedLevelChanges += bids.count + asks.count;
  }

  private reportGap(update: {
    firstUpdateId: number;
    finalUpdateId: number;
    prevFinalUpdateId: number;
    venueTimeUs: number;
    localTimeUs: number;
  }): void {
    this.stats.gaps += 1;
    const gap: BookGapEvent = {
      type: 'book-gap',
      symbol: this.symbol,
      reason: this.sequencer.lastGapReason,
      expectedPrevUpdateId: this.sequencer.lastGapExpectedUpdateId,
      firstUpdateId: update.firstUpdateId,
      finalUpdateId: update.finalUpdateId,
      prevFinalUpdateId: update.prevFinalUpdateId,
      venueTimeUs: update.venueTimeUs,
      localTimeUs: update.localTimeUs,
    };
    this.lastGap = gap;
    this.onGap?.(gap);
  }
}

/** Removes the side's levels from the snapshot's worst price through the best (all, if it has none). */
function clearSnapshotRange(side: OrderBookSide, levels: LevelBuffer): void {
  if (levels.count === 0) {
    side.clear();
    return;
  }
  const prices = levels.priceTicks;
  let worst = prices[0]!;
  for (let i = 1; i < levels.count; i += 1) {
    const price = prices[i]!;
    if (side.side === 'bid' ? price < worst : price > worst) worst = price;
  }
  side.clearThroughPrice(worst);
}
