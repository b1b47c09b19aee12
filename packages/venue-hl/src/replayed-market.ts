import type { Instrument } from '@mm/core';
import { aggregateLevels } from './aggregate-levels.js';
import type { ReplayedBook, ReplayedTrades } from './market-replay.js';
import { feedKey, type VenueFeed } from './venue-feed.js';
import type { TradeIdentity } from './venue-ids.js';
import { formatLots, formatPx, toWireLevels } from './wire-format.js';
import type { WireBook, WireTrade } from './wire-types.js';

const RECENT_TRADES_KEPT = 50;

/**
 * The public market as the venue shows it: the last replayed book, the latest trades, and their
 * frames on the feed (`l2Book`, `bbo`, `allMids`, `trades`). Trade ids and hashes come from the
 * venue's one sequence, shared with our fills, so they never repeat across loops.
 */
export class ReplayedMarket {
  private book: ReplayedBook | undefined;
  /**
   * The last snapshot's mid, kept across a gap: the venue's mark and oracle do not vanish with a
   * hole in our recording, only the book we could serve does.
   */
  private lastMidTicks: number | undefined;
  private readonly recentTrades: WireTrade[] = [];

  constructor(
    private readonly instrument: Instrument,
    private readonly feed: VenueFeed,
    private readonly nextTrade: () => TradeIdentity,
  ) {}

  /** The replayed book, 20 levels a side, optionally aggregated like the venue (`nSigFigs`, `mantissa`). */
  currentBook(nSigFigs?: number | null, mantissa?: number | null): WireBook | undefined {
    const book = this.book;
    if (book === undefined) return undefined;
    let { bids, asks } = book;
    if (nSigFigs !== undefined && nSigFigs !== null) {
      const tick = this.instrument.tickSize;
      bids = aggregateLevels(bids, true, tick, nSigFigs, mantissa ?? undefined);
      asks = aggregateLevels(asks, false, tick, nSigFigs, mantissa ?? undefined);
    }
    return {
      coin: this.instrument.symbol,
      time: book.timeMs,
      levels: [toWireLevels(this.instrument, bids), toWireLevels(this.instrument, asks)],
    };
  }

  /** Mid in ticks (may be fractional); undefined before the first book or with an empty side. */
  midTicks(): number | undefined {
    const bid = this.book?.bids[0]?.priceTicks;
    const ask = this.book?.asks[0]?.priceTicks;
    if (bid === undefined || ask === undefined) return undefined;
    return (bid + ask) / 2;
  }

  /** The reference (mark, oracle) price in ticks: the last snapshot's mid, also during a gap. */
  referenceMidTicks(): number | undefined {
    return this.lastMidTicks;
  }

  /** True from a gap marker until the next snapshot: no book is served. */
  get bookWithdrawn(): boolean {
    return this.book === undefined && this.lastMidTicks !== undefined;
  }

  /**
   * A gap in the recording: the last snapshot is not the market after it, so `l2Book`, `bbo` and
   * `allMids` serve nothing (info answers `null` / `{}`, no feed frames) until the next snapshot.
   */
  withdrawBook(): void {
    this.book = undefined;
  }

  latestTrades(): WireTrade[] {
    return [...this.recentTrades];
  }

  publishBook(frame: ReplayedBook): void {
    this.book = frame;
    const wire = this.currentBook()!;
    this.feed.publish(feedKey.l2Book(wire.coin), wire);
    this.feed.publish(feedKey.bbo(wire.coin), {
      coin: wire.coin,
      time: wire.time,
      bbo: [wire.levels[0][0] ?? null, wire.levels[1][0] ?? null],
    });
    const mid = this.midTicks();
    this.lastMidTicks = mid ?? this.lastMidTicks;
    if (mid !== undefined) this.feed.publish(feedKey.allMids(), { mids: { [wire.coin]: formatPx(this.instrument, mid) } });
  }

  publishTrades(frame: ReplayedTrades): void {
    const wire = frame.trades.map((trade): WireTrade => {
      const identity = this.nextTrade();
      return {
        coin: this.instrument.symbol,
        side: trade.side,
        px: formatPx(this.instrument, trade.priceTicks),
        sz: formatLots(this.instrument, trade.sizeLots),
        time: trade.timeMs,
        hash: identity.hash,
        tid: identity.tid,
        users: trade.users,
      };
    });
    this.recentTrades.push(...wire);
    if (this.recentTrades.length > RECENT_TRADES_KEPT) this.recentTrades.splice(0, this.recentTrades.length - RECENT_TRADES_KEPT);
    this.feed.publish(feedKey.trades(this.instrument.symbol), wire);
  }
}
