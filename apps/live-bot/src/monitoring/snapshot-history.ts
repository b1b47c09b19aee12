import type { BotSnapshot, FillSnapshot } from './bot-snapshot.js';

/** One asset at one moment: what the dashboard's charts draw. Prices in venue units, sizes in coin. */
export interface AssetHistoryPoint {
  symbol: string;
  mid: number | null;
  /** Our best (highest) resting bid and best (lowest) resting ask; null when that side rests nothing. */
  ourBid: number | null;
  ourAsk: number | null;
  positionBase: number;
  positionUsd: number;
  /** The PnL split as the bot reports it (inventory PnL is the mark-to-market of held inventory). */
  spreadCaptureUsd: number;
  rebatesUsd: number;
  feesUsd: number;
  inventoryUsd: number;
  totalUsd: number;
  /** Fills since start (buy + sell): the fill-rate chart takes differences of it. */
  fillCount: number;
}

export interface HistoryPoint {
  timeUs: number;
  assets: AssetHistoryPoint[];
}

/** What `/api/history` serves: the points oldest first, the fills oldest first, and the capacities. */
export interface BotHistory {
  points: HistoryPoint[];
  fills: FillSnapshot[];
  capacity: { points: number; fills: number };
}

/** A fixed-capacity FIFO: pushing beyond capacity drops the oldest, memory never grows. */
export class RingBuffer<T> {
  private readonly items: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a ring buffer needs a capacity >= 1, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count += 1;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Oldest first, as a new array. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i += 1) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  last(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity];
  }
}

/** The chart point of a snapshot (the page derives the same point from each snapshot it is pushed). */
export function historyPointOf(snapshot: BotSnapshot): HistoryPoint {
  return {
    timeUs: snapshot.timeUs,
    assets: snapshot.assets.map((asset) => {
      let ourBid: number | null = null;
      let ourAsk: number | null = null;
      for (const quote of asset.quotes) {
        if (quote.side === 'buy' && (ourBid === null || quote.price > ourBid)) ourBid = quote.price;
        if (quote.side === 'sell' && (ourAsk === null || quote.price < ourAsk)) ourAsk = quote.price;
      }
      return {
        symbol: asset.symbol,
        mid: asset.bestBid !== null && asset.bestAsk !== null ? (asset.bestBid + asset.bestAsk) / 2 : null,
        ourBid,
        ourAsk,
        positionBase: asset.positionBase,
        positionUsd: asset.positionUsd,
        spreadCaptureUsd: asset.pnl.spreadCaptureUsd,
        rebatesUsd: asset.pnl.rebatesUsd,
        feesUsd: asset.pnl.feesUsd,
        inventoryUsd: asset.pnl.inventoryUsd,
        totalUsd: asset.pnl.totalUsd,
        fillCount: asset.fills.buy + asset.fills.sell,
      };
    }),
  };
}

/**
 * The dashboard's chart history, bounded: the last `points` snapshots (one a second from the bot's
 * publisher: 3,600 is an hour) and the last `fills` fills, so a bot that runs for weeks holds the
 * same few hundred kilobytes as one that just started.
 */
export class SnapshotHistory {
  private readonly points: RingBuffer<HistoryPoint>;
  private readonly fills: RingBuffer<FillSnapshot>;

  constructor(capacity: { points?: number; fills?: number } = {}) {
    this.points = new RingBuffer(capacity.points ?? 3_600);
    this.fills = new RingBuffer(capacity.fills ?? 2_000);
  }

  /** A snapshot's point; a snapshot not newer than the last one recorded is ignored. */
  record(snapshot: BotSnapshot): void {
    const last = this.points.last();
    if (last !== undefined && snapshot.timeUs <= last.timeUs) return;
    this.points.push(historyPointOf(snapshot));
  }

  recordFill(fill: FillSnapshot): void {
    this.fills.push(fill);
  }

  toJSON(): BotHistory {
    return {
      points: this.points.toArray(),
      fills: this.fills.toArray(),
      capacity: { points: this.points.capacity, fills: this.fills.capacity },
    };
  }
}
