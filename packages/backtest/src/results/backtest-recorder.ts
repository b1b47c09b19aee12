import type { ExecutionEvent, Instrument, Micros, Side } from '@mm/core';
import { MICROS_PER_SECOND } from '@mm/core';
import type { Engine } from '@mm/engine';
import { DrawdownTracker } from '@mm/risk';

export interface RecordedFill {
  timeUs: Micros;
  side: Side;
  price: number;
  size: number;
  liquidity: 'maker' | 'taker';
  feeQuote: number;
  /** Local mid when the fill reached us. */
  midAtFill: number;
}

export interface MarkoutSummary {
  horizon: string;
  horizonUs: Micros;
  /** Mean of side × (mid after the horizon − fill price) / fill price, in bps: negative = adverse selection. */
  bps: number;
  fills: number;
}

export interface BacktestSeries {
  timeUs: number[];
  equity: number[];
  inventory: number[];
  mid: number[];
  bid: Array<number | null>;
  ask: Array<number | null>;
}

export interface BacktestSummary {
  symbol: string;
  startUs: Micros;
  endUs: Micros;
  durationSeconds: number;
  netPnlQuote: number;
  spreadCaptureQuote: number;
  /** Rebates received minus fees paid. */
  feePnlQuote: number;
  feesPaidQuote: number;
  rebatesReceivedQuote: number;
  inventoryPnlQuote: number;
  fundingQuote: number;
  /**
   * Annualised from per-sample PnL changes (samples every `sampleIntervalUs`); NaN (shown n/a)
   * when it would not mean anything: less than a day of data, or PnL that never moved.
   */
  sharpe: number;
  /** Why `sharpe` is NaN, for the report; undefined when it is a number. */
  sharpeUnavailable: string | undefined;
  maxDrawdownQuote: number;
  fills: number;
  buyFills: number;
  sellFills: number;
  makerFills: number;
  takerFills: number;
  /** Times the position came back to (or through) zero. */
  roundTrips: number;
  /** buy fills / all fills: 0.5 is balanced; NaN (n/a) with no fill. */
  fillBalance: number;
  /** Spread capture per traded notional, in bps; NaN (n/a) with no volume. */
  spreadCapturedBps: number;
  volumeQuote: number;
  volumeBase: number;
  finalPositionBase: number;
  /** Largest |position| reached, in base units and at the mid of that moment in quote. */
  maxAbsPositionBase: number;
  maxAbsPositionQuote: number;
  markouts: MarkoutSummary[];
  /** Share of samples with both a bid and an ask of ours resting (or in flight). */
  timeQuotingPct: number;
  timeQuotingAnySidePct: number;
  inventoryHistogram: Array<{ bucket: string; share: number }>;
  ordersSent: number;
  commandsDenied: number;
  postOnlyRejects: number;
  sampleIntervalUs: Micros;
}

const MARKOUT_HORIZONS: ReadonlyArray<[string, Micros]> = [
  ['1s', 1 * MICROS_PER_SECOND],
  ['5s', 5 * MICROS_PER_SECOND],
  ['30s', 30 * MICROS_PER_SECOND],
];
const MAX_SERIES_POINTS = 200_000;
const SECONDS_PER_YEAR = 365 * 24 * 3600;
const SECONDS_PER_DAY = 24 * 3600;

/**
 * Collects what a backtest report needs: every fill (with the mid when it reached us), equity,
 * inventory, mid and our best quotes sampled on the replay clock, and markouts. Markouts are read at
 * the first sample at or after fill time + horizon, so they are late by at most one sample interval.
 * Long runs keep at most 200,000 samples: past that, every other sample is dropped.
 */
export class BacktestRecorder {
  readonly fills: RecordedFill[] = [];
  readonly series: BacktestSeries = { timeUs: [], equity: [], inventory: [], mid: [], bid: [], ask: [] };
  private engine: Engine | undefined;
  private readonly instrument: Instrument;
  private fundingQuote = 0;
  private roundTrips = 0;
  private positionLots = 0;
  private maxAbsPositionLots = 0;
  private maxAbsPositionQuote = 0;
  private readonly markoutSums = MARKOUT_HORIZONS.map(() => ({ sum: 0, count: 0 }));
  private readonly markoutCursor = MARKOUT_HORIZONS.map(() => 0);
  private samples = 0;
  private quotingBoth = 0;
  private quotingAny = 0;
  private keepEvery = 1;
  private sampleIndex = 0;
  private readonly inventoryRatios: number[] = [];
  private firstSampleUs: Micros | undefined;
  private lastSampleUs: Micros = 0;

  constructor(
    instrument: Instrument,
    readonly sampleIntervalUs: Micros,
    private readonly maxPositionUsd: number,
  ) {
    this.instrument = instrument;
  }

  attach(engine: Engine): void {
    this.engine = engine;
  }

  /** Engine hook: runs before the strategy sees the event. */
  onExecutionEvent(event: ExecutionEvent): void {
    if (event.type === 'funding') {
      this.fundingQuote += event.amountQuote;
      return;
    }
    if (event.type !== 'order-filled' || this.engine === undefined) return;
    const book = this.engine.slot(event.symbol).book;
    const midTicks = book.midTicks() ?? event.priceTicks;
    this.fills.push({
      timeUs: event.localTimeUs,
      side: event.side,
      price: event.priceTicks * this.instrument.tickSize,
      size: event.sizeLots * this.instrument.lotSize,
      liquidity: event.liquidity,
      feeQuote: event.feeQuote,
      midAtFill: midTicks * this.instrument.tickSize,
    });
    const before = this.positionLots;
    this.positionLots += event.side === 'buy' ? event.sizeLots : -event.sizeLots;
    const absLots = Math.abs(this.positionLots);
    if (absLots > this.maxAbsPositionLots) this.maxAbsPositionLots = absLots;
    const absQuote = absLots * this.instrument.lotSize * midTicks * this.instrument.tickSize;
    if (absQuote > this.maxAbsPositionQuote) this.maxAbsPositionQuote = absQuote;
    if (before !== 0 && (this.positionLots === 0 || Math.sign(this.positionLots) !== Math.sign(before))) this.roundTrips += 1;
  }

  /** Replay hook: one sample of the state at `nowUs`. */
  onSample(nowUs: Micros): void {
    const engine = this.engine;
    if (engine === undefined) return;
    const slot = engine.symbolSlots[0]!;
    const midTicks = slot.book.midTicks();
    if (midTicks === undefined) return;
    const mid = midTicks * this.instrument.tickSize;
    this.firstSampleUs ??= nowUs;
    this.lastSampleUs = nowUs;
    let bestBid = Number.NEGATIVE_INFINITY;
    let bestAsk = Number.POSITIVE_INFINITY;
    for (const order of engine.orders.quotingOrders(slot.symbol)) {
      if (order.side === 'buy') bestBid = Math.max(bestBid, order.priceTicks);
      else bestAsk = Math.min(bestAsk, order.priceTicks);
    }
    const hasBid = bestBid > Number.NEGATIVE_INFINITY;
    const hasAsk = bestAsk < Number.POSITIVE_INFINITY;
    this.samples += 1;
    if (hasBid && hasAsk) this.quotingBoth += 1;
    if (hasBid || hasAsk) this.quotingAny += 1;
    const positionBase = slot.position.positionLots * this.instrument.lotSize;
    this.inventoryRatios.push((positionBase * mid) / this.maxPositionUsd);
    this.resolveMarkouts(nowUs, mid);
    if (this.sampleIndex++ % this.keepEvery !== 0) return;
    const series = this.series;
    series.timeUs.push(nowUs);
    series.equity.push(engine.totalPnlQuote() + this.fundingQuote);
    series.inventory.push(positionBase);
    series.mid.push(mid);
    series.bid.push(hasBid ? bestBid * this.instrument.tickSize : null);
    series.ask.push(hasAsk ? bestAsk * this.instrument.tickSize : null);
    if (series.timeUs.length >= MAX_SERIES_POINTS) this.decimate();
  }

  private resolveMarkouts(nowUs: Micros, mid: number): void {
    for (let horizon = 0; horizon < MARKOUT_HORIZONS.length; horizon += 1) {
      const horizonUs = MARKOUT_HORIZONS[horizon]![1];
      let cursor = this.markoutCursor[horizon]!;
      while (cursor < this.fills.length && this.fills[cursor]!.timeUs + horizonUs <= nowUs) {
        const fill = this.fills[cursor]!;
        const sign = fill.side === 'buy' ? 1 : -1;
        this.markoutSums[horizon]!.sum += (sign * (mid - fill.price) * 10_000) / fill.price;
        this.markoutSums[horizon]!.count += 1;
        cursor += 1;
      }
      this.markoutCursor[horizon] = cursor;
    }
  }

  private decimate(): void {
    const series = this.series;
    for (const key of ['timeUs', 'equity', 'inventory', 'mid', 'bid', 'ask'] as const) {
      const values = series[key] as unknown[];
      let write = 0;
      for (let read = 0; read < values.length; read += 2) values[write++] = values[read];
      values.length = write;
    }
    this.keepEvery *= 2;
  }

  summary(extra: { ordersSent: number; commandsDenied: number; postOnlyRejects: number }): BacktestSummary {
    const engine = this.engine;
    if (engine === undefined) throw new Error('BacktestRecorder.summary before attach');
    const slot = engine.symbolSlots[0]!;
    const position = slot.position.snapshot(slot.book.midTicks() ?? slot.position.averageEntryPriceTicks ?? undefined);
    const equity = this.series.equity;
    const drawdown = new DrawdownTracker();
    for (const value of equity) drawdown.observe(value);
    const changes: number[] = [];
    for (let index = 1; index < equity.length; index += 1) changes.push(equity[index]! - equity[index - 1]!);
    const mean = changes.reduce((sum, value) => sum + value, 0) / Math.max(changes.length, 1);
    const variance = changes.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(changes.length - 1, 1);
    const storedIntervalUs = this.sampleIntervalUs * this.keepEvery;
    const samplesPerYear = (SECONDS_PER_YEAR * MICROS_PER_SECOND) / storedIntervalUs;
    const buyFills = this.fills.filter((fill) => fill.side === 'buy').length;
    const startUs = this.firstSampleUs ?? 0;
    // Scaling minutes of PnL to a year turns noise into a headline figure (63 from 6 minutes).
    const spanUs = this.lastSampleUs - startUs;
    const sharpeUnavailable =
      spanUs < SECONDS_PER_DAY * MICROS_PER_SECOND
        ? `n/a: ${(spanUs / MICROS_PER_SECOND / 3_600).toFixed(2)} h of data; an annualised Sharpe needs at least a day`
        : variance > 0
          ? undefined
          : 'n/a: PnL never changed between samples';
    const sharpe = sharpeUnavailable === undefined ? (mean / Math.sqrt(variance)) * Math.sqrt(samplesPerYear) : Number.NaN;
    return {
      symbol: slot.symbol,
      startUs,
      endUs: this.lastSampleUs,
      durationSeconds: (this.lastSampleUs - startUs) / MICROS_PER_SECOND,
      netPnlQuote: position.totalPnlQuote + this.fundingQuote,
      spreadCaptureQuote: position.spreadCaptureQuote,
      feePnlQuote: position.feePnlQuote,
      feesPaidQuote: position.feesPaidQuote,
      rebatesReceivedQuote: position.rebatesReceivedQuote,
      inventoryPnlQuote: position.inventoryPnlQuote,
      fundingQuote: this.fundingQuote,
      sharpe,
      sharpeUnavailable,
      maxDrawdownQuote: drawdown.maxDrawdown,
      fills: this.fills.length,
      buyFills,
      sellFills: this.fills.length - buyFills,
      makerFills: position.makerFillCount,
      takerFills: position.takerFillCount,
      roundTrips: this.roundTrips,
      fillBalance: this.fills.length === 0 ? Number.NaN : buyFills / this.fills.length,
      spreadCapturedBps: position.volumeQuote > 0 ? (position.spreadCaptureQuote / position.volumeQuote) * 10_000 : Number.NaN,
      volumeQuote: position.volumeQuote,
      volumeBase: position.volumeBase,
      finalPositionBase: position.positionBase,
      maxAbsPositionBase: this.maxAbsPositionLots * this.instrument.lotSize,
      maxAbsPositionQuote: this.maxAbsPositionQuote,
      markouts: MARKOUT_HORIZONS.map(([horizon, horizonUs], index) => ({
        horizon,
        horizonUs,
        bps: this.markoutSums[index]!.count > 0 ? this.markoutSums[index]!.sum / this.markoutSums[index]!.count : 0,
        fills: this.markoutSums[index]!.count,
      })),
      timeQuotingPct: this.samples > 0 ? (100 * this.quotingBoth) / this.samples : 0,
      timeQuotingAnySidePct: this.samples > 0 ? (100 * this.quotingAny) / this.samples : 0,
      inventoryHistogram: histogram(this.inventoryRatios),
      ordersSent: extra.ordersSent,
      commandsDenied: extra.commandsDenied,
      postOnlyRejects: extra.postOnlyRejects,
      sampleIntervalUs: this.sampleIntervalUs,
    };
  }
}

/** Share of time by position as a fraction of the limit, in tenths from −100% to +100%. */
function histogram(ratios: readonly number[]): Array<{ bucket: string; share: number }> {
  const edges = [-1, -0.8, -0.6, -0.4, -0.2, -0.05, 0.05, 0.2, 0.4, 0.6, 0.8, 1];
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const ratio of ratios) {
    let bucket = 0;
    while (bucket < edges.length && ratio >= edges[bucket]!) bucket += 1;
    counts[bucket]! += 1;
  }
  const label = (index: number): string => {
    if (index === 0) return '< -100%';
    if (index === edges.length) return '> +100%';
    const low = Math.round(edges[index - 1]! * 100);
    const high = Math.round(edges[index]! * 100);
    return `${low}%..${high}%`;
  };
  return counts
    .map((count, index) => ({ bucket: label(index), share: ratios.length > 0 ? count / ratios.length : 0 }))
    .filter((entry, index) => entry.share > 0 || (index > 0 && index < edges.length));
}
