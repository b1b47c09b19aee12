import { MICROS_PER_MILLI, type Clock, type ExecutionEvent, type Instrument, type TimeInForce } from '@mm/core';
import { ConservativeQueueModel, ConstantLatency, SimulatedExchange, venueFeeModel } from '@mm/sim-exchange';
import { AccountLedger } from './account-ledger.js';
import { CANDLE_INTERVALS, CandleSeries } from './candle-series.js';
import { checkOrderWire, type CheckedOrder } from './check-order-wire.js';
import { setDeadMansSwitch, triggerDueSwitches } from './dead-mans-switch.js';
import { DueActionScheduler } from './due-action-scheduler.js';
import type { BuilderWire, OrderWire } from './exchange-schemas.js';
import { dailyVolumes, feeRatesFor, type FeeRates } from './fee-schedule.js';
import type { MarketCapture } from './market-capture.js';
import { MarketReplay, type ReplayedBook, type ReplayedGap, type ReplayedTrades } from './market-replay.js';
import { ReplayedMarket } from './replayed-market.js';
import { OrderLedger, type OrderTimeInForce, type VenueOrder } from './order-ledger.js';
import { feedKey, VenueFeed } from './venue-feed.js';
import type { VenueOptions } from './venue-options.js';
import { VenueIds } from './venue-ids.js';
import { LEVERAGE_REJECTS, rejectionStatus, VENUE_REJECTS, withAsset } from './venue-rejects.js';
import { toWireFill } from './wire-fill.js';
import { formatLots, formatPx, toWireOpenOrder } from './wire-format.js';
import type { WireBook, WireCancelStatus, WireOrderStatus, WireTrade } from './wire-types.js';

export interface VenueCoreOptions {
  options: VenueOptions;
  instrument: Instrument;
  capture: MarketCapture;
  clock: Clock;
  /** The venue's log (one line a notice: a gap in the replayed capture). */
  log?: (line: string) => void;
}

/**
 * The venue's state and rules around the project's matching engine: the replayed market goes in
 * (book snapshots, trades) at venue time, orders are validated as Hyperliquid does, sent to the
 * SimulatedExchange with zero latency, and its events are mapped back to per-order statuses, oids,
 * fills, positions and the feed. Single-threaded: every entry point first catches up with the clock.
 */
export class HyperliquidVenueCore {
  readonly instrument: Instrument;
  readonly asset = 0;
  readonly feed = new VenueFeed();
  readonly orders = new OrderLedger();
  readonly accounts: AccountLedger;
  readonly scheduler: DueActionScheduler;
  readonly replay: MarketReplay;
  readonly exchange: SimulatedExchange;
  /** Candles of the replayed tape (`candleSnapshot`, WS `candle`). */
  readonly candles: CandleSeries;
  /** A forced rejection for new orders (fault injection); undefined in normal operation. */
  forcedOrderRejection: string | undefined;
  /** Only every n-th new order gets `forcedOrderRejection` (1: every one). */
  forcedRejectionEvery = 1;
  private ordersSinceForcedRejection = 0;
  private readonly clock: Clock;
  private readonly options: VenueOptions;
  private readonly market: ReplayedMarket;
  private engineEvents: ExecutionEvent[] = [];
  private readonly ids: VenueIds;
  private readonly feeRateCache = new Map<string, { key: string; rates: FeeRates }>();
  private readonly log: (line: string) => void;
  /** Gap markers replayed so far (every loop counts). */
  gapsReplayed = 0;

  constructor(setup: VenueCoreOptions) {
    this.instrument = setup.instrument;
    this.clock = setup.clock;
    this.options = setup.options;
    this.log = setup.log ?? ((line) => console.log(line));
    const startUs = setup.clock.now();
    this.scheduler = new DueActionScheduler(startUs);
    this.replay = new MarketReplay(setup.capture, startUs, setup.options.loopGapMs * MICROS_PER_MILLI);
    this.accounts = new AccountLedger(setup.instrument, setup.options.accounts, setup.options.maxLeverage);
    this.ids = new VenueIds(setup.options.idSeed ?? `${setup.instrument.symbol}:${Math.floor(startUs / MICROS_PER_MILLI)}`);
    this.candles = new CandleSeries(setup.instrument);
    this.market = new ReplayedMarket(setup.instrument, this.feed, () => this.ids.next());
    this.exchange = new SimulatedExchange({
      venue: 'hyperliquid',
      instruments: [setup.instrument],
      scheduler: this.scheduler,
      latency: new ConstantLatency(0, 0),
      queue: new ConservativeQueueModel(),
      fees: venueFeeModel('hyperliquid'),
      capabilities: { deadManSwitch: true },
    });
    this.exchange.onEvent((event) => this.onExecutionEvent(event));
    this.catchUp();
  }

  nowMs(): number {
    return Math.floor(this.scheduler.now() / MICROS_PER_MILLI);
  }

  /** Replays what is due up to the clock, runs the engine's due answers, fires dead man's switches. */
  catchUp(): void {
    const nowUs = this.clock.now();
    this.replay.advanceTo(nowUs, {
      book: (frame) => this.applyBook(frame),
      trades: (frame) => this.applyTrades(frame),
      gap: (frame) => this.applyGap(frame),
    });
    this.scheduler.moveTo(nowUs);
    this.scheduler.runDue();
    this.fireScheduledCancels();
  }

  // ---- market ------------------------------------------------------------------------------

  currentBook(nSigFigs?: number | null, mantissa?: number | null): WireBook | undefined {
    return this.market.currentBook(nSigFigs, mantissa);
  }

  midTicks(): number | undefined {
    return this.market.midTicks();
  }

  latestTrades(): WireTrade[] {
    return this.market.latestTrades();
  }

  /** A replayed snapshot replaces both sides of the engine's book, then may cross our orders. */
  private applyBook(frame: ReplayedBook): void {
    this.scheduler.moveTo(frame.atUs);
    const exchange = this.exchange;
    exchange.clearSide(this.asset, true, Number.NaN);
    for (const level of frame.bids) exchange.applyDepth(this.asset, true, level.priceTicks, level.sizeLots);
    exchange.clearSide(this.asset, false, Number.NaN);
    for (const level of frame.asks) exchange.applyDepth(this.asset, false, level.priceTicks, level.sizeLots);
    exchange.finishSnapshot(this.asset);
    this.scheduler.runDue();
    this.market.publishBook(frame);
    // The venue's block cadence for the account and context streams (clearinghouseState, webData2, ...).
    this.feed.publish(feedKey.block(), undefined);
  }

  /**
   * A hole in the recording: the book before it is not the market after it, so the venue stops
   * serving it until the next snapshot (as the backtest's book is unknown after a Gap row). The
   * matching engine keeps its depth, as the backtest's simulated exchange does: the next snapshot
   * replaces it and queue positions survive.
   */
  private applyGap(frame: ReplayedGap): void {
    this.scheduler.moveTo(frame.atUs);
    this.scheduler.runDue();
    this.market.withdrawBook();
    this.gapsReplayed += 1;
    this.log(
      `[venue-hl] capture gap (${frame.reason}, ${frame.fromNs} → ${frame.toNs} ns): ` +
        `${this.instrument.symbol} book withdrawn until the next l2Book snapshot`,
    );
  }

  private applyTrades(frame: ReplayedTrades): void {
    this.scheduler.moveTo(frame.atUs);
    for (const trade of frame.trades) {
      this.exchange.applyTrade(this.asset, trade.side === 'B', trade.priceTicks, trade.sizeLots);
      this.candles.addTrade(trade.timeMs, trade.priceTicks, trade.sizeLots);
    }
    this.scheduler.runDue();
    this.market.publishTrades(frame);
    const coin = this.instrument.symbol;
    for (const interval of CANDLE_INTERVALS) {
      const key = feedKey.candle(coin, interval);
      if (this.feed.hasListeners(key)) this.feed.publish(key, this.candles.latest(interval));
    }
  }

  // ---- account -----------------------------------------------------------------------------

  /** Mark price in ticks: the last replayed mid (fractional allowed; kept across a gap), else the position's entry. */
  markTicks(user: string): number {
    return this.market.referenceMidTicks() ?? this.accounts.get(user).position.entryPriceTicks;
  }

  /** Equity: starting USDC + realised PnL − fees (rebates add) + unrealised PnL at the mark. */
  accountValueQuote(user: string): number {
    const account = this.accounts.get(user);
    const unrealized = account.position.sizeLots === 0 ? 0 : account.position.unrealizedPnlQuote(this.markTicks(user));
    return account.startingUsdc + account.realizedPnlQuote - account.feesQuote + unrealized;
  }

  /** Notional of the position at the mark (quote currency). */
  positionNotional(user: string): number {
    const instrument = this.instrument;
    return Math.abs(this.accounts.get(user).position.sizeLots) * instrument.lotSize * this.markTicks(user) * instrument.tickSize;
  }

  /**
   * Initial margin at the account's leverage: the position, every open order and the new one
   * together need notional / leverage of equity. One margin tier (the venue's BTC table has one up
   * to its largest positions); isolated positions are margined at the same rate from the same equity.
   */
  private hasMarginFor(user: string, priceTicks: number, sizeLots: number): boolean {
    const instrument = this.instrument;
    let notional = this.positionNotional(user);
    for (const order of this.orders.openOrders(user)) notional += instrument.notional(order.limitPriceTicks, order.remainingLots);
    notional += instrument.notional(priceTicks, sizeLots);
    return notional / this.accounts.get(user).leverage.value <= this.accountValueQuote(user);
  }

  /** The account's rates: fixed by the venue's options, else its 14-day tier (re-read daily and every 100 fills). */
  feeRates(user: string): FeeRates {
    const fees = this.options.fees;
    if (fees !== 'tiered') return { cross: fees.takerRate, add: fees.makerRate };
    const account = this.accounts.get(user);
    const nowMs = this.nowMs();
    const key = `${Math.floor(nowMs / 86_400_000)}:${Math.floor(account.fills.length / 100)}`;
    const cached = this.feeRateCache.get(account.address);
    if (cached !== undefined && cached.key === key) return cached.rates;
    const rates = feeRatesFor(dailyVolumes(account.fills, this.candles.notionalByDay(), nowMs));
    this.feeRateCache.set(account.address, { key, rates });
    return rates;
  }

  /**
   * `updateLeverage`: cross or isolated at 1..maxLeverage. With a position open the margin type
   * stays, and a lower leverage must still be covered by equity. Returns the venue's refusal, if any.
   */
  updateLeverage(user: string, asset: number, isCross: boolean, leverage: number): string | undefined {
    if (asset !== this.asset) return VENUE_REJECTS.asset(asset);
    if (leverage < 1 || leverage > this.options.maxLeverage) return LEVERAGE_REJECTS.invalidLeverage;
    const account = this.accounts.get(user);
    const type = isCross ? 'cross' : 'isolated';
    if (account.position.sizeLots !== 0) {
      if (account.leverage.type !== type) return LEVERAGE_REJECTS.switchTypeWithPosition;
      if (leverage < account.leverage.value && this.positionNotional(user) / leverage > this.accountValueQuote(user)) {
        return isCross ? LEVERAGE_REJECTS.crossDecrease : LEVERAGE_REJECTS.isolatedDecrease;
      }
    }
    account.leverage = { type, value: leverage };
    return undefined;
  }

  // ---- order entry -------------------------------------------------------------------------

  placeOrder(user: string, wire: OrderWire, builder?: BuilderWire): WireOrderStatus {
    const checked = this.checkOrderWire(user, wire);
    if ('error' in checked) return checked;
    if (builder !== undefined) {
      // The builder must be approved for at least this fee (hummingbot/hummingbot#8449 for the text).
      const approved = this.accounts.get(user).approvedBuilderFees.get(builder.b.toLowerCase());
      if (approved === undefined || builder.f > approved) return { error: VENUE_REJECTS.builderNotApproved };
    }
    if (this.forcedOrderRejection !== undefined) {
      this.ordersSinceForcedRejection += 1;
      if (this.ordersSinceForcedRejection >= this.forcedRejectionEvery) {
        this.ordersSinceForcedRejection = 0;
        return { error: this.forcedOrderRejection };
      }
    }
    const tif = (wire.t as { limit: { tif: OrderTimeInForce } }).limit.tif;
    const nowMs = this.nowMs();
    const order: VenueOrder = {
      engineOrderId: this.orders.newEngineOrderId(),
      oid: undefined,
      user,
      coin: this.instrument.symbol,
      asset: wire.a,
      isBuy: wire.b,
      limitPriceTicks: checked.priceTicks,
      originalLots: checked.sizeLots,
      remainingLots: checked.sizeLots,
      timestampMs: nowMs,
      cloid: wire.c?.toLowerCase(),
      tif,
      reduceOnly: wire.r,
      status: 'pending',
      statusTimestampMs: nowMs,
      cancelStatus: undefined,
      builder: builder === undefined ? undefined : { address: builder.b.toLowerCase(), feeTenthsBp: builder.f },
    };
    this.orders.add(order);
    const events = this.runCommand(order.engineOrderId, () =>
      this.exchange.send([
        {
          type: 'place-order',
          symbol: this.instrument.symbol,
          clientOrderId: order.engineOrderId,
          side: wire.b ? 'buy' : 'sell',
          priceTicks: checked.priceTicks,
          sizeLots: checked.sizeLots,
          timeInForce: toEngineTimeInForce(tif),
          reduceOnly: wire.r,
        },
      ]),
    );
    const rejected = events.find((event) => event.type === 'order-rejected');
    if (rejected !== undefined) return { error: withAsset(rejected.reason, wire.a) };
    if (order.oid === undefined) return { error: 'Order was not accepted by the matching engine.' };
    const fills = events.filter((event) => event.type === 'order-filled');
    if (order.status === 'open' || fills.length === 0) return withCloid({ resting: { oid: order.oid } }, order.cloid, 'resting');
    let lots = 0;
    let ticksTimesLots = 0;
    for (const fill of fills) {
      lots += fill.sizeLots;
      ticksTimesLots += fill.priceTicks * fill.sizeLots;
    }
    return withCloid(
      { filled: { totalSz: formatLots(this.instrument, lots), avgPx: formatPx(this.instrument, ticksTimesLots / lots), oid: order.oid } },
      order.cloid,
      'filled',
    );
  }

  /** Cancels `order` (found by oid or cloid) when it is `user`'s and open on `asset`. */
  cancelOrder(user: string, asset: number, order: VenueOrder | undefined, cancelStatus = 'canceled'): WireCancelStatus {
    if (order === undefined || order.user !== user || order.status !== 'open' || order.asset !== asset) {
      return { error: VENUE_REJECTS.unknownOrder(asset) };
    }
    order.cancelStatus = cancelStatus;
    const events = this.runCommand(order.engineOrderId, () =>
      this.exchange.send([{ type: 'cancel-order', symbol: this.instrument.symbol, clientOrderId: order.engineOrderId }]),
    );
    const refused = events.find((event) => event.type === 'command-rejected');
    if (refused !== undefined) return { error: refused.reason };
    return events.some((event) => event.type === 'order-canceled') ? 'success' : { error: VENUE_REJECTS.unknownOrder(asset) };
  }

  /** Hyperliquid's modify: the old order is canceled and the new one placed under a new oid. */
  modifyOrder(user: string, target: number | string, wire: OrderWire): WireOrderStatus {
    const order = typeof target === 'number' ? this.orders.byVenueOid(target) : this.orders.byUserCloid(user, target);
    if (order === undefined || order.user !== user || order.status !== 'open' || order.asset !== wire.a) {
      return { error: VENUE_REJECTS.modifyDeadOrder };
    }
    const checked = this.checkOrderWire(user, wire);
    if ('error' in checked) return checked;
    const canceled = this.cancelOrder(user, order.asset, order);
    if (canceled !== 'success') return { error: VENUE_REJECTS.modifyDeadOrder };
    return this.placeOrder(user, wire);
  }

  /** Sets (or with `timeMs` undefined clears) the dead man's switch; returns the venue's refusal, if any. */
  scheduleCancel(user: string, timeMs: number | undefined): string | undefined {
    return setDeadMansSwitch(this.accounts.get(user), timeMs, this.nowMs(), this.options.allowScheduleCancel);
  }

  /** Fires armed dead man's switches now (fault injection: "expire the switch"). */
  expireScheduledCancels(user?: string): void {
    for (const account of this.accounts.all()) {
      if (user !== undefined && account.address !== user.toLowerCase()) continue;
      if (account.scheduledCancelAtMs !== undefined) account.scheduledCancelAtMs = this.nowMs();
    }
    this.fireScheduledCancels();
  }

  private fireScheduledCancels(): void {
    for (const account of triggerDueSwitches(this.accounts.all(), this.nowMs())) {
      for (const order of this.orders.openOrders(account.address)) this.cancelOrder(account.address, order.asset, order, 'scheduledCancel');
    }
  }

  private checkOrderWire(user: string, wire: OrderWire): CheckedOrder {
    return checkOrderWire(
      {
        instrument: this.instrument,
        asset: this.asset,
        positionLots: this.accounts.get(user).position.sizeLots,
        referencePriceTicks: this.market.referenceMidTicks(),
        hasMarginFor: (priceTicks, sizeLots) => this.hasMarginFor(user, priceTicks, sizeLots),
      },
      wire,
    );
  }

  /** Sends through the engine and returns the events it produced for `engineOrderId`. */
  private runCommand(engineOrderId: string, send: () => void): ExecutionEvent[] {
    this.engineEvents = [];
    send();
    this.scheduler.runDue();
    const events = this.engineEvents.filter((event) => 'clientOrderId' in event && event.clientOrderId === engineOrderId);
    this.engineEvents = [];
    return events;
  }

  // ---- the engine's events -----------------------------------------------------------------

  private onExecutionEvent(event: ExecutionEvent): void {
    this.engineEvents.push(event);
    if (event.type === 'funding') return;
    const order = this.orders.byEngineOrderId(event.clientOrderId);
    if (order === undefined) return;
    const timeMs = Math.floor(event.venueTimeUs / MICROS_PER_MILLI);
    switch (event.type) {
      case 'order-accepted':
        this.orders.assignOid(order, this.orders.newOid());
        this.setStatus(order, 'open', timeMs);
        return;
      case 'order-rejected':
        // The venue numbers rejected orders too and reports them on orderUpdates (badAloPxRejected...).
        this.orders.assignOid(order, this.orders.newOid(), false);
        this.setStatus(order, rejectionStatus(event.reason), timeMs);
        return;
      case 'order-filled':
        this.recordFill(order, event.sizeLots, event.priceTicks, event.liquidity, timeMs);
        order.remainingLots = event.remainingLots;
        if (event.remainingLots <= 0) this.setStatus(order, 'filled', timeMs);
        return;
      case 'order-canceled':
        this.setStatus(order, order.cancelStatus ?? 'canceled', timeMs);
        return;
      case 'order-modified':
        order.limitPriceTicks = event.priceTicks;
        order.remainingLots = event.sizeLots;
        return;
      case 'command-rejected':
        return;
    }
  }

  private setStatus(order: VenueOrder, status: string, timeMs: number): void {
    this.orders.setStatus(order, status, timeMs);
    this.feed.publish(feedKey.orderUpdates(order.user), [
      { order: toWireOpenOrder(this.instrument, order), status, statusTimestamp: timeMs },
    ]);
    // Cancels the user did not ask for (the dead man's switch) are also announced on userEvents.
    if (status === 'scheduledCancel') {
      this.feed.publish(feedKey.userEvents(order.user), { nonUserCancel: [{ coin: order.coin, oid: order.oid }] });
    }
  }

  private recordFill(order: VenueOrder, lots: number, priceTicks: number, liquidity: 'maker' | 'taker', timeMs: number): void {
    const account = this.accounts.get(order.user);
    const change = account.position.applyFill(order.isBuy, lots, priceTicks);
    // The venue's own rate for this account replaces the engine's flat one; the builder's fee is on top.
    const notional = this.instrument.notional(priceTicks, lots);
    const rates = this.feeRates(order.user);
    const builderFeeQuote = order.builder === undefined ? 0 : (notional * order.builder.feeTenthsBp) / 100_000;
    const fee = notional * (liquidity === 'maker' ? rates.add : rates.cross) + builderFeeQuote;
    account.feesQuote += fee;
    account.realizedPnlQuote += change.closedPnlQuote;
    account.tradedVolumeUsd += this.instrument.notional(priceTicks, lots);
    const fill = toWireFill(this.instrument, order, {
      lots,
      priceTicks,
      liquidity,
      feeQuote: fee,
      builderFeeQuote: order.builder === undefined ? undefined : builderFeeQuote,
      timeMs,
      trade: this.ids.next(),
      change,
    });
    account.fills.push(fill);
    this.feed.publish(feedKey.userFills(order.user), { user: order.user, fills: [fill] });
    this.feed.publish(feedKey.userEvents(order.user), { fills: [fill] });
  }
}

function toEngineTimeInForce(tif: OrderTimeInForce): TimeInForce {
  if (tif === 'Alo') return 'post-only';
  if (tif === 'Gtc') return 'gtc';
  return 'ioc';
}

function withCloid<K extends 'resting' | 'filled', S extends Record<K, { oid: number; cloid?: string }>>(
  status: S,
  cloid: string | undefined,
  key: K,
): S {
  if (cloid !== undefined) status[key].cloid = cloid;
  return status;
}
