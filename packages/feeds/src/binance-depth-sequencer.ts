import { InvalidInputError } from '@mm/core';

/**
 * What to do with one depth diff:
 * - 'apply': in sequence; apply it.
 * - 'stale': already covered by the snapshot or an earlier diff (`u` < snapshot id, or a repeat); drop it.
 * - 'gap': updates were missed before it. Under the 'continue' policy the chain restarts from it
 *   (apply it, the book may be off until the missed levels change again); under 'resync' wait
 *   for a new snapshot.
 * - 'unsynced': no snapshot yet (or waiting for a new one after a gap under 'resync'); buffer it.
 */
export type DepthSequenceVerdict = 'apply' | 'stale' | 'gap' | 'unsynced';

export type DepthSequencerState = 'awaiting-snapshot' | 'awaiting-bridge' | 'synced';

/**
 * Binance USD-M futures diff sequencing ("How to manage a local order book correctly"): after a
 * snapshot with `lastUpdateId`, drop diffs with `u < lastUpdateId`; the first diff applied must
 * have `U <= lastUpdateId <= u`; from then on each diff's `pu` must equal the previous diff's `u`.
 * Anything else is a gap, reported as a verdict (never thrown). Pure bookkeeping on ids: the
 * caller owns the book and the buffer.
 */
export class BinanceDepthSequencer {
  state: DepthSequencerState = 'awaiting-snapshot';
  /** `lastUpdateId` of the last snapshot; NaN before the first. */
  snapshotUpdateId = Number.NaN;
  /** `u` of the last diff accepted into the chain; NaN until the first. */
  lastFinalUpdateId = Number.NaN;
  /** What the chain expected when the last 'gap' verdict was given (previous `u` or snapshot id). */
  lastGapExpectedUpdateId = Number.NaN;
  lastGapReason: 'missing-bridge' | 'sequence-break' = 'sequence-break';
  private readonly resyncOnGap: boolean;

  constructor(gapPolicy: 'continue' | 'resync' = 'continue') {
    this.resyncOnGap = gapPolicy === 'resync';
  }

  onSnapshot(lastUpdateId: number): void {
    if (!Number.isSafeInteger(lastUpdateId)) {
      throw new InvalidInputError(`snapshot lastUpdateId must be a safe integer, got ${lastUpdateId}`);
    }
    this.snapshotUpdateId = lastUpdateId;
    this.lastFinalUpdateId = Number.NaN;
    this.state = 'awaiting-bridge';
  }

  /** Classifies a diff by `U`, `u`, `pu` and advances the chain on 'apply' (and on 'gap' under 'continue'). */
  check(firstUpdateId: number, finalUpdateId: number, prevFinalUpdateId: number): DepthSequenceVerdict {
    switch (this.state) {
      case 'awaiting-snapshot':
        return 'unsynced';
      case 'awaiting-bridge': {
        const snapshotId = this.snapshotUpdateId;
        if (finalUpdateId < snapshotId) return 'stale';
        if (firstUpdateId <= snapshotId) return this.accept(finalUpdateId);
        return this.gap('missing-bridge', snapshotId, finalUpdateId);
      }
      case 'synced': {
        const previous = this.lastFinalUpdateId;
        if (prevFinalUpdateId === previous) return this.accept(finalUpdateId);
        if (finalUpdateId <= previous) return 'stale';
        return this.gap('sequence-break', previous, finalUpdateId);
      }
    }
  }

  private accept(finalUpdateId: number): 'apply' {
    this.lastFinalUpdateId = finalUpdateId;
    this.state = 'synced';
    return 'apply';
  }

  private gap(reason: 'missing-bridge' | 'sequence-break', expected: number, finalUpdateId: number): 'gap' {
    this.lastGapReason = reason;
    this.lastGapExpectedUpdateId = expected;
    if (this.resyncOnGap) {
      this.state = 'awaiting-snapshot';
      this.lastFinalUpdateId = Number.NaN;
    } else {
      this.state = 'synced';
      this.lastFinalUpdateId = finalUpdateId;
    }
    return 'gap';
  }
}
