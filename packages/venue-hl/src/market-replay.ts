import { MICROS_PER_MILLI, type Micros } from '@mm/core';
import type { CapturedBook, CapturedGap, CapturedTrade, CapturedFrame, MarketCapture } from './market-capture.js';

/** A replayed frame: its venue times moved to the current loop. */
export interface ReplayedBook extends CapturedBook {
  /** When the venue applies it (venue clock, µs). */
  atUs: Micros;
}

export interface ReplayedTrades {
  kind: 'trades';
  atUs: Micros;
  trades: CapturedTrade[];
}

/** A replayed gap marker: the recording has a hole before `atUs`. */
export interface ReplayedGap extends CapturedGap {
  atUs: Micros;
}

export interface ReplayVisitor {
  book(frame: ReplayedBook): void;
  trades(frame: ReplayedTrades): void;
  gap(frame: ReplayedGap): void;
}

/**
 * Plays a capture in a loop against the venue clock: frame i of loop k is due at
 * start + k·period + (its receive time − the first one's), and its `time` fields move by the same
 * offset, so the market looks live whenever the venue runs. A pause freezes the replay; on resume
 * everything still to come moves later by the pause.
 */
export class MarketReplay {
  private readonly periodUs: Micros;
  private loop = 0;
  private index = 0;
  private startUs: Micros;
  private pausedAtUs: Micros | undefined;

  constructor(
    private readonly capture: MarketCapture,
    startUs: Micros,
    loopGapUs: Micros,
  ) {
    this.startUs = startUs;
    this.periodUs = Math.max(capture.lastLocalTimeUs - capture.firstLocalTimeUs + loopGapUs, MICROS_PER_MILLI);
  }

  get loopsCompleted(): number {
    return this.loop;
  }

  get isPaused(): boolean {
    return this.pausedAtUs !== undefined;
  }

  pause(nowUs: Micros): void {
    if (this.pausedAtUs === undefined) this.pausedAtUs = nowUs;
  }

  resume(nowUs: Micros): void {
    if (this.pausedAtUs === undefined) return;
    this.startUs += Math.max(nowUs - this.pausedAtUs, 0);
    this.pausedAtUs = undefined;
  }

  /** Hands every frame due at or before `nowUs` to the visitor, in order. */
  advanceTo(nowUs: Micros, visitor: ReplayVisitor): number {
    if (this.pausedAtUs !== undefined) return 0;
    let played = 0;
    for (;;) {
      const frame = this.capture.frames[this.index]!;
      const loopStartUs = this.startUs + this.loop * this.periodUs;
      const atUs = loopStartUs + (frame.localTimeUs - this.capture.firstLocalTimeUs);
      if (atUs > nowUs) return played;
      const shiftMs = Math.round((loopStartUs - this.capture.firstLocalTimeUs) / MICROS_PER_MILLI);
      this.emit(frame, atUs, shiftMs, visitor);
      played += 1;
      this.index += 1;
      if (this.index === this.capture.frames.length) {
        this.index = 0;
        this.loop += 1;
      }
    }
  }

  private emit(frame: CapturedFrame, atUs: Micros, shiftMs: number, visitor: ReplayVisitor): void {
    if (frame.kind === 'book') {
      visitor.book({ ...frame, atUs, timeMs: frame.timeMs + shiftMs });
    } else if (frame.kind === 'gap') {
      visitor.gap({ ...frame, atUs });
    } else {
      visitor.trades({ kind: 'trades', atUs, trades: frame.trades.map((trade) => ({ ...trade, timeMs: trade.timeMs + shiftMs })) });
    }
  }
}
