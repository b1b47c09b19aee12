import { OrderBook } from '@mm/book';
import { EventBuffer } from './event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags, type EventColumns } from './event-row.js';

const KIND_BID = EventKind.BidLevel;
const KIND_ASK = EventKind.AskLevel;
const KIND_CLEAR_BIDS = EventKind.ClearBids;
const KIND_CLEAR_ASKS = EventKind.ClearAsks;
const KIND_GAP = EventKind.Gap;

/** One timeline's book and the best bid/offer last written for it. */
class TimelineTop {
  readonly book = new OrderBook();
  /** A snapshot came since the start or the last gap: the book is complete. */
  known = false;
  /** Book rows of the current time are applied but not yet written out as a top. */
  dirty = false;
  /** This timeline's time of the pending rows, and the other clock's time of the last of them. */
  groupUs = Number.NaN;
  otherUs = Number.NaN;
  private bidTicks = Number.NaN;
  private bidLots = Number.NaN;
  private askTicks = Number.NaN;
  private askLots = Number.NaN;
  private readonly clearBids: number;
  private readonly clearAsks: number;
  private readonly bidLevel: number;
  private readonly askLevel: number;

  constructor(readonly delivery: number) {
    this.clearBids = eventFlags(KIND_CLEAR_BIDS, delivery);
    this.clearAsks = eventFlags(KIND_CLEAR_ASKS, delivery);
    this.bidLevel = eventFlags(KIND_BID, delivery);
    this.askLevel = eventFlags(KIND_ASK, delivery);
  }

  apply(kind: number, priceTicks: number, sizeLots: number): void {
    if (kind === KIND_BID) this.book.side('bid').setTrusted(priceTicks, sizeLots);
    else if (kind === KIND_ASK) this.book.side('ask').setTrusted(priceTicks, sizeLots);
    else {
      const side = this.book.side(kind === KIND_CLEAR_BIDS ? 'bid' : 'ask');
      if (Number.isNaN(priceTicks)) side.clear();
      else side.clearThroughPrice(priceTicks);
      this.known = true;
    }
  }

  forget(): void {
    this.known = false;
    this.bidTicks = this.bidLots = this.askTicks = this.askLots = Number.NaN;
  }

  /**
   * Writes the best bid and offer as a whole book (clear both sides, then at most one level a side)
   * when it changed; nothing while the book is incomplete (the replay would take it for a snapshot).
   */
  flush(out: EventBuffer): void {
    this.dirty = false;
    if (!this.known) return;
    const book = this.book;
    const bidTicks = book.bestBidTicks() ?? Number.NaN;
    const askTicks = book.bestAskTicks() ?? Number.NaN;
    const bidLots = Number.isNaN(bidTicks) ? Number.NaN : book.bestBidLots();
    const askLots = Number.isNaN(askTicks) ? Number.NaN : book.bestAskLots();
    if (same(bidTicks, this.bidTicks) && same(bidLots, this.bidLots) && same(askTicks, this.askTicks) && same(askLots, this.askLots))
      return;
    this.bidTicks = bidTicks;
    this.bidLots = bidLots;
    this.askTicks = askTicks;
    this.askLots = askLots;
    const exchange = this.delivery === EXCHANGE_EVENT;
    const exchUs = exchange ? this.groupUs : this.otherUs;
    const localUs = exchange ? this.otherUs : this.groupUs;
    out.push(this.clearBids, exchUs, localUs, Number.NaN, 0);
    out.push(this.clearAsks, exchUs, localUs, Number.NaN, 0);
    if (!Number.isNaN(bidTicks)) out.push(this.bidLevel, exchUs, localUs, bidTicks, bidLots);
    if (!Number.isNaN(askTicks)) out.push(this.askLevel, exchUs, localUs, askTicks, askLots);
  }
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Top of book from full depth, the data a user has who bought best bid/offer and trades only
 * (Binance `bookTicker`, Tardis `quotes`): the rows of a full-depth event log, in replay order,
 * become on each timeline the best bid and ask with their sizes after every time at which they
 * changed (written as a two-level book: clear both sides, then the best level of each), and the
 * trades and gaps as they were. Each timeline is reduced on its own clock (the exchange's rows at
 * venue time, the strategy's at receive time), so a replay of the result sees exactly the best
 * bid/offer sequence the full-depth replay sees, and nothing deeper. The best of a time is written
 * before a trade of the same time, so every trade meets the same top as in the full data. Before the
 * first snapshot (or after a gap, until the next) the book is incomplete and no top is written
 * (its level rows stay on the strategy's timeline only, which the replay withholds and reports).
 *
 * Streaming: `push` each batch in order and replay what it returns, then `end`. Memory is two books.
 */
export class TopOfBookReducer {
  private readonly exchange = new TimelineTop(EXCHANGE_EVENT);
  private readonly local = new TimelineTop(LOCAL_EVENT);

  push(columns: EventColumns): EventBuffer {
    const out = new EventBuffer();
    const { flags, exchTimeUs, localTimeUs, priceTicks, sizeLots } = columns;
    const exchange = this.exchange;
    const local = this.local;
    for (let row = 0; row < columns.length; row += 1) {
      const flag = flags[row]!;
      const kind = flag >> 2;
      const isBook = kind === KIND_BID || kind === KIND_ASK || kind === KIND_CLEAR_BIDS || kind === KIND_CLEAR_ASKS;
      if ((flag & EXCHANGE_EVENT) !== 0)
        step(exchange, isBook, kind, exchTimeUs[row]!, localTimeUs[row]!, priceTicks[row]!, sizeLots[row]!, out);
      if ((flag & LOCAL_EVENT) !== 0) {
        // Level rows of an incomplete book go to the strategy's side as they are: the replay keeps
        // them from the strategy and reports them (book-without-snapshot), as for full depth.
        if (!local.known && (kind === KIND_BID || kind === KIND_ASK))
          out.push((kind << 2) | LOCAL_EVENT, exchTimeUs[row]!, localTimeUs[row]!, priceTicks[row]!, sizeLots[row]!);
        step(local, isBook, kind, localTimeUs[row]!, exchTimeUs[row]!, priceTicks[row]!, sizeLots[row]!, out);
      }
      if (!isBook) out.push(flag, exchTimeUs[row]!, localTimeUs[row]!, priceTicks[row]!, sizeLots[row]!);
    }
    return out;
  }

  /** The last pending tops. */
  end(): EventBuffer {
    const out = new EventBuffer();
    if (this.exchange.dirty) this.exchange.flush(out);
    if (this.local.dirty) this.local.flush(out);
    return out;
  }
}

function step(
  timeline: TimelineTop,
  isBook: boolean,
  kind: number,
  timeUs: number,
  otherUs: number,
  priceTicks: number,
  sizeLots: number,
  out: EventBuffer,
): void {
  if (isBook) {
    if (timeline.dirty && timeUs !== timeline.groupUs) timeline.flush(out);
    timeline.apply(kind, priceTicks, sizeLots);
    timeline.groupUs = timeUs;
    timeline.otherUs = otherUs;
    timeline.dirty = true;
    return;
  }
  if (timeline.dirty) timeline.flush(out);
  if (kind === KIND_GAP) timeline.forget();
}

/** A whole log's rows reduced to top of book (see `TopOfBookReducer`), e.g. to write it out. */
export function topOfBookRows(columns: EventColumns): EventBuffer {
  const reducer = new TopOfBookReducer();
  const rows = reducer.push(columns);
  const rest = reducer.end();
  for (let row = 0; row < rest.length; row += 1)
    rows.push(rest.flags[row]!, rest.exchTimeUs[row]!, rest.localTimeUs[row]!, rest.priceTicks[row]!, rest.sizeLots[row]!);
  return rows;
}
