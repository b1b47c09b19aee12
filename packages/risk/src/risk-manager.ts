import { InvalidInputError, MICROS_PER_DAY, MICROS_PER_MINUTE, utcDayStart, type Micros, type OrderCommand, type Side } from '@mm/core';
import { checkCommand, ruleBlocksNewOrder, type CommandVerdict } from './check-command.js';
import { Cooldown } from './cooldown.js';
import { formatDuration, formatNumber, formatUsd } from './format-number.js';
import {
  RISK_RULE_IDS,
  type FiredRule,
  type LimitUsage,
  type RiskDecision,
  type RiskLimitName,
  type SymbolAction,
  type SymbolRiskDecision,
} from './risk-decision.js';
import { DrawdownTracker } from './drawdown-tracker.js';
import { maxPositionUsdFor, parseRiskLimits, secondsToMicros, type RiskLimits, type RiskLimitsInput } from './risk-limits.js';
import { riskStatusForUsage, riskStatusSeverity, type RiskStatus } from './risk-status.js';
import { RollingPriceRange, type PriceMove } from './rolling-price-range.js';
import { SlidingEventCount } from './sliding-event-count.js';

/** The order-rate limit is per minute by definition. */
const ORDER_RATE_WINDOW_US = MICROS_PER_MINUTE;

interface SymbolState {
  widenRange: RollingPriceRange | undefined;
  cancelRange: RollingPriceRange | undefined;
  widen: Cooldown<PriceMove>;
  cancel: Cooldown<PriceMove>;
  positionUsd: number;
  /** Set while |position| is at or above the per-asset limit; `side` is the side that would grow it. */
  positionBreach: { since: Micros; side: Side } | undefined;
  volatility: { current: number; normal: number } | undefined;
  volatilityBreachSince: Micros | undefined;
}

interface EquityState {
  last: number;
  /** 00:00 UTC of the day `dayOpen` belongs to. */
  dayStart: Micros;
  /** Equity when the day began: the last value seen before 00:00 UTC, or the day's first value. */
  dayOpen: number;
}

interface DailyLossDetail {
  lossUsd: number;
  dayOpen: number;
  equity: number;
}

interface DrawdownDetail {
  drawdownUsd: number;
  drawdownPct: number;
  peak: number;
  equity: number;
}

/**
 * Risk state fed with observations, answering what may be done now. Everything runs on the times
 * passed in (integer microseconds from one clock, never going backwards): breakers trip on the
 * observation that crosses a threshold and cool down on later `now`s, so a replay gives the same
 * decisions as the live run. `evaluate` and `checkCommand` do not change the state: asking is free.
 *
 * Inputs:
 * - `onPrice(symbol, price, now)`: any unit (ticks or quote currency); only ratios are used.
 * - `onEquity(equityUsd, now)`: account equity (cash + unrealised); drives daily loss and drawdown.
 *   The day's opening equity is the last value seen before 00:00 UTC (or the day's first value).
 * - `onPosition(symbol, notionalUsd, now)`: signed position notional, long > 0.
 * - `onVolatility(symbol, current, normal, now)`: the same estimator's current and normal (long-run) value.
 * - `onApiError(now)`: one per failed venue request.
 * - `onOrderSent(now)`: one per place or modify sent (the gate does not count for you: it is pure).
 * Symbols are any non-empty name except '*', which stands for "any other symbol" in a decision.
 * A NaN, a non-integer time or a time before the last observation is a caller bug: `InvalidInputError`.
 */
export class RiskManager {
  readonly limits: RiskLimits;
  private readonly symbols = new Map<string, SymbolState>();
  private equity: EquityState | undefined;
  private readonly dailyLossHalt = new Cooldown<DailyLossDetail>();
  private drawdownHalt: { since: Micros; detail: DrawdownDetail } | undefined;
  /** Equity's peak and fall from it, for the drawdown rule. */
  private readonly drawdown = new DrawdownTracker();
  private totalPositionBreachSince: Micros | undefined;
  private readonly apiErrors: SlidingEventCount;
  private readonly apiErrorPause = new Cooldown<{ errorCount: number }>();
  private readonly ordersSent = new SlidingEventCount(ORDER_RATE_WINDOW_US);
  private lastTime: Micros | undefined;
  /** Bumped on every change, so a cached decision is reused only for the same state and time. */
  private version = 0;
  private cached: { version: number; time: Micros; decision: RiskDecision } | undefined;
  private normalReasonPct = Number.NaN;
  private normalReasonText = '';

  private readonly widenWindowUs: Micros;
  private readonly widenCooldownUs: Micros;
  private readonly cancelWindowUs: Micros;
  private readonly cancelCooldownUs: Micros;
  private readonly apiErrorPauseUs: Micros;

  /** Parses `limits` (a `ConfigError` names every bad field); already-parsed limits pass through unchanged. */
  constructor(limits: RiskLimitsInput) {
    this.limits = parseRiskLimits(limits);
    this.widenWindowUs = secondsToMicros(this.limits.widenWindowSeconds);
    this.widenCooldownUs = secondsToMicros(this.limits.widenCooldownSeconds);
    this.cancelWindowUs = secondsToMicros(this.limits.cancelWindowSeconds);
    this.cancelCooldownUs = secondsToMicros(this.limits.cancelCooldownSeconds);
    this.apiErrorPauseUs = secondsToMicros(this.limits.apiErrorPauseSeconds);
    this.apiErrors = new SlidingEventCount(secondsToMicros(this.limits.apiErrorWindowSeconds));
  }

  // ---- observations -----------------------------------------------------------------------------

  onPrice(symbol: string, price: number, now: Micros): void {
    this.advance(now);
    if (!Number.isFinite(price) || price <= 0)
      throw new InvalidInputError(`price for '${symbol}' must be finite and > 0, got ${price}`, { symbol });
    const state = this.symbolState(symbol);
    state.widenRange ??= new RollingPriceRange(this.widenWindowUs);
    state.cancelRange ??= new RollingPriceRange(this.cancelWindowUs);
    const widenMove = state.widenRange.push(price, now);
    const cancelMove = state.cancelRange.push(price, now);
    // Compared as |to − from| · 100 > pct · from: exact for integer prices, no float edge at the threshold.
    if (movedMoreThan(widenMove, this.limits.widenMovePct)) state.widen.trip(now, now + this.widenCooldownUs, widenMove);
    if (movedMoreThan(cancelMove, this.limits.cancelMovePct)) state.cancel.trip(now, now + this.cancelCooldownUs, cancelMove);
  }

  onEquity(equityUsd: number, now: Micros): void {
    this.advance(now);
    if (!Number.isFinite(equityUsd)) throw new InvalidInputError(`equity must be a finite number, got ${equityUsd}`);
    const dayStart = utcDayStart(now);
    if (this.equity === undefined) {
      this.equity = { last: equityUsd, dayStart, dayOpen: equityUsd };
    } else {
      if (dayStart > this.equity.dayStart) {
        this.equity.dayStart = dayStart;
        this.equity.dayOpen = this.equity.last;
      }
      this.equity.last = equityUsd;
    }
    this.drawdown.observe(equityUsd);
    const { dayOpen } = this.equity;
    const peak = this.drawdown.peak;
    const lossUsd = dayOpen - equityUsd;
    if (lossUsd >= this.limits.maxDailyLossUsd) {
      this.dailyLossHalt.trip(now, dayStart + MICROS_PER_DAY, { lossUsd, dayOpen, equity: equityUsd });
    }
    const drawdownUsd = this.drawdown.drawdown;
    if (this.drawdownHalt === undefined && drawdownUsd * 100 > this.limits.maxDrawdownPct * this.limits.capitalUsd) {
      this.drawdownHalt = {
        since: now,
        detail: { drawdownUsd, drawdownPct: (drawdownUsd * 100) / this.limits.capitalUsd, peak, equity: equityUsd },
      };
    }
  }

  onPosition(symbol: string, notionalUsd: number, now: Micros): void {
    this.advance(now);
    if (!Number.isFinite(notionalUsd))
      throw new InvalidInputError(`position notional for '${symbol}' must be finite, got ${notionalUsd}`, { symbol });
    const state = this.symbolState(symbol);
    state.positionUsd = notionalUsd;
    if (Math.abs(notionalUsd) >= maxPositionUsdFor(this.limits, symbol)) {
      const side: Side = notionalUsd > 0 ? 'buy' : 'sell';
      if (state.positionBreach?.side !== side) state.positionBreach = { since: now, side };
    } else {
      state.positionBreach = undefined;
    }
    if (this.totalPositionUsd() >= this.limits.maxTotalPositionUsd) {
      this.totalPositionBreachSince ??= now;
    } else {
      this.totalPositionBreachSince = undefined;
    }
  }

  onVolatility(symbol: string, current: number, normal: number, now: Micros): void {
    this.advance(now);
    if (!Number.isFinite(current) || current < 0 || !Number.isFinite(normal) || normal <= 0) {
      throw new InvalidInputError(`volatility for '${symbol}' needs current >= 0 and normal > 0, got ${current} and ${normal}`, { symbol });
    }
    const state = this.symbolState(symbol);
    state.volatility = { current, normal };
    if (current > this.limits.volatilityPauseMultiple * normal) {
      state.volatilityBreachSince ??= now;
    } else {
      state.volatilityBreachSince = undefined;
    }
  }

  onApiError(now: Micros): void {
    this.advance(now);
    const errorCount = this.apiErrors.record(now);
    if (errorCount > this.limits.maxApiErrors) this.apiErrorPause.trip(now, now + this.apiErrorPauseUs, { errorCount });
  }

  onOrderSent(now: Micros): void {
    this.advance(now);
    this.ordersSent.record(now);
  }

  /**
   * Lifts a drawdown halt after a person has looked. The peak restarts at the last equity seen, or
   * the same drawdown would halt again at the next equity update. Returns whether a halt was lifted.
   */
  resetDrawdownHalt(now: Micros): boolean {
    this.advance(now);
    const wasHalted = this.drawdownHalt !== undefined;
    this.drawdownHalt = undefined;
    this.drawdown.restartPeak();
    return wasHalted;
  }

  // ---- questions --------------------------------------------------------------------------------

  /** What may be done at `now` (not before the last observation), with every fired rule and its reason. */
  evaluate(now: Micros): RiskDecision {
    this.checkTime(now);
    if (this.cached !== undefined && this.cached.version === this.version && this.cached.time === now) {
      return this.cached.decision;
    }
    const firedRules = this.firedRulesAt(now).sort(compareRules);
    const usage = this.usageAt(now);
    const worstRule = firedRules[0];
    const worstUsage = [...usage].sort((a, b) => b.usage - a.usage)[0];
    let status: RiskStatus = 'NORMAL';
    let statusReason = this.normalReason();
    if (worstRule !== undefined) {
      status = worstRule.status;
      statusReason = `${worstRule.ruleId}: ${worstRule.reason}`;
    }
    if (worstUsage !== undefined && riskStatusSeverity(worstUsage.status) > riskStatusSeverity(status)) {
      status = worstUsage.status;
      statusReason = worstUsage.text;
    }
    const symbols = [...this.symbols.keys()]
      .sort()
      .map((symbol) => symbolDecision(symbol, this.symbols.get(symbol)?.positionUsd ?? 0, firedRules));
    const decision: RiskDecision = {
      time: now,
      status,
      statusReason,
      halted: firedRules.some((rule) => rule.effect.type === 'halt'),
      quotingPaused: firedRules.some((rule) => rule.symbol === null && rule.effect.type === 'pause-quoting'),
      newOrdersThrottled: firedRules.some((rule) => rule.effect.type === 'throttle'),
      symbols,
      otherSymbols: symbolDecision('*', 0, firedRules),
      firedRules,
      usage,
    };
    Object.freeze(symbols);
    Object.freeze(firedRules);
    Object.freeze(usage);
    Object.freeze(decision);
    this.cached = { version: this.version, time: now, decision };
    return decision;
  }

  /**
   * The risk gate at `now`: cancels always pass; a place or modify is denied by the most severe rule
   * that blocks it. For a modify, pass the resting order's side (the command does not carry it).
   */
  checkCommand(command: OrderCommand, now: Micros, orderSide?: Side): CommandVerdict {
    return checkCommand(this.evaluate(now), command, orderSide);
  }

  // ---- internals --------------------------------------------------------------------------------

  private firedRulesAt(now: Micros): FiredRule[] {
    const limits = this.limits;
    const rules: FiredRule[] = [];
    for (const [symbol, state] of this.symbols) {
      const cancel = state.cancel.activeAt(now);
      if (cancel !== undefined) {
        rules.push({
          ruleId: 'price-move-cancel',
          symbol,
          effect: { type: 'cancel-all' },
          status: 'CRITICAL',
          reason: `${describeMove(symbol, cancel.detail)} > ${formatNumber(limits.cancelMovePct)}% within ${formatDuration(this.cancelWindowUs)}: cancel all ${symbol} orders for ${formatDuration(this.cancelCooldownUs)} after the last such move`,
          since: cancel.since,
          until: cancel.until,
          clearsWhen: 'time',
        });
      }
      const widen = state.widen.activeAt(now);
      if (widen !== undefined) {
        rules.push({
          ruleId: 'price-move-widen',
          symbol,
          effect: { type: 'widen', spreadMultiplier: limits.widenSpreadMultiple },
          status: 'WARNING',
          reason: `${describeMove(symbol, widen.detail)} > ${formatNumber(limits.widenMovePct)}% within ${formatDuration(this.widenWindowUs)}: spreads ×${formatNumber(limits.widenSpreadMultiple)} for ${formatDuration(this.widenCooldownUs)} after the last such move`,
          since: widen.since,
          until: widen.until,
          clearsWhen: 'time',
        });
      }
      if (state.positionBreach !== undefined) {
        const long = state.positionBreach.side === 'buy';
        rules.push({
          ruleId: 'position-per-asset',
          symbol,
          effect: { type: 'pause-side', side: state.positionBreach.side },
          status: 'CRITICAL',
          reason: `${symbol} position ${formatUsd(Math.abs(state.positionUsd))} ${long ? 'long' : 'short'} >= limit ${formatUsd(maxPositionUsdFor(limits, symbol))}: ${long ? 'bids (buys)' : 'asks (sells)'} paused until it is below the limit`,
          since: state.positionBreach.since,
          until: null,
          clearsWhen: 'condition',
        });
      }
      if (state.volatilityBreachSince !== undefined && state.volatility !== undefined) {
        const { current, normal } = state.volatility;
        rules.push({
          ruleId: 'volatility',
          symbol,
          effect: { type: 'pause-quoting' },
          status: 'CRITICAL',
          reason: `${symbol} volatility ${formatNumber(current, 6)} is ${formatNumber(current / normal)}× normal ${formatNumber(normal, 6)} > ${formatNumber(limits.volatilityPauseMultiple)}×: quoting paused until it is back within ${formatNumber(limits.volatilityPauseMultiple)}×`,
          since: state.volatilityBreachSince,
          until: null,
          clearsWhen: 'condition',
        });
      }
    }
    if (this.totalPositionBreachSince !== undefined) {
      rules.push({
        ruleId: 'position-total',
        symbol: null,
        effect: { type: 'pause-growth' },
        status: 'CRITICAL',
        reason: `total position ${formatUsd(this.totalPositionUsd())} >= limit ${formatUsd(limits.maxTotalPositionUsd)}: every side that would grow a position paused until the total is below the limit`,
        since: this.totalPositionBreachSince,
        until: null,
        clearsWhen: 'condition',
      });
    }
    const dailyLoss = this.dailyLossHalt.activeAt(now);
    if (dailyLoss !== undefined) {
      const { lossUsd, dayOpen, equity } = dailyLoss.detail;
      rules.push({
        ruleId: 'daily-loss',
        symbol: null,
        effect: { type: 'halt' },
        status: 'HALT',
        reason: `daily loss ${formatUsd(lossUsd)} (day opened at ${formatUsd(dayOpen)}, equity ${formatUsd(equity)} now) >= limit ${formatUsd(limits.maxDailyLossUsd)}: trading stopped until the next 00:00 UTC`,
        since: dailyLoss.since,
        until: dailyLoss.until,
        clearsWhen: 'time',
      });
    }
    if (this.drawdownHalt !== undefined) {
      const { drawdownUsd, drawdownPct, peak, equity } = this.drawdownHalt.detail;
      rules.push({
        ruleId: 'drawdown',
        symbol: null,
        effect: { type: 'halt' },
        status: 'HALT',
        reason: `drawdown ${formatUsd(drawdownUsd)} from peak equity ${formatUsd(peak)} to ${formatUsd(equity)} is ${formatNumber(drawdownPct)}% of capital ${formatUsd(limits.capitalUsd)} > ${formatNumber(limits.maxDrawdownPct)}%: trading stopped until a manual reset`,
        since: this.drawdownHalt.since,
        until: null,
        clearsWhen: 'manual-reset',
      });
    }
    const apiPause = this.apiErrorPause.activeAt(now);
    if (apiPause !== undefined) {
      rules.push({
        ruleId: 'api-errors',
        symbol: null,
        effect: { type: 'pause-quoting' },
        status: 'CRITICAL',
        reason: `${apiPause.detail.errorCount} API errors within ${formatDuration(this.apiErrors.windowUs)} > ${limits.maxApiErrors}: quoting paused for ${formatDuration(this.apiErrorPauseUs)} after the last such error`,
        since: apiPause.since,
        until: apiPause.until,
        clearsWhen: 'time',
      });
    }
    const ordersInWindow = this.ordersSent.countAt(now);
    if (ordersInWindow >= limits.maxOrdersPerMinute) {
      // New orders are allowed again once enough of these have left the window to get below the limit.
      const firstToLeave = this.ordersSent.timeInWindow(now, ordersInWindow - limits.maxOrdersPerMinute) as Micros;
      const limitReachedAt = this.ordersSent.timeInWindow(now, limits.maxOrdersPerMinute - 1) as Micros;
      rules.push({
        ruleId: 'order-rate',
        symbol: null,
        effect: { type: 'throttle' },
        status: 'CRITICAL',
        reason: `${ordersInWindow} orders sent in the last ${formatDuration(ORDER_RATE_WINDOW_US)} >= limit ${limits.maxOrdersPerMinute}/min: new orders denied until the oldest leaves the window`,
        since: limitReachedAt,
        until: firstToLeave + ORDER_RATE_WINDOW_US,
        clearsWhen: 'time',
      });
    }
    return rules;
  }

  /** The reason when nothing fired, built once per warning level: `evaluate` runs for every order sent. */
  private normalReason(): string {
    const pct = this.limits.warningUsagePct;
    if (this.normalReasonPct !== pct) {
      this.normalReasonPct = pct;
      this.normalReasonText = `no rule fired; every limit below ${formatNumber(pct)}% used`;
    }
    return this.normalReasonText;
  }

  private usageAt(now: Micros): LimitUsage[] {
    const limits = this.limits;
    const usage: LimitUsage[] = [];
    const add = (limit: RiskLimitName, symbol: string | null, value: number, limitValue: number, text: (pct: string) => string): void => {
      const fraction = Math.max(0, value / limitValue);
      const status = riskStatusForUsage(fraction, limits.warningUsagePct, limits.criticalUsagePct);
      usage.push(new LazyLimitUsage(limit, symbol, value, limitValue, fraction, status, text));
    };
    if (this.equity !== undefined) {
      // A new UTC day with no equity seen yet starts from the last equity: no loss so far today.
      const lossUsd = utcDayStart(now) > this.equity.dayStart ? 0 : this.equity.dayOpen - this.equity.last;
      add(
        'maxDailyLossUsd',
        null,
        lossUsd,
        limits.maxDailyLossUsd,
        (pct) => `daily loss ${formatUsd(lossUsd)} is ${pct} of the ${formatUsd(limits.maxDailyLossUsd)} limit`,
      );
      const drawdownPct = (this.drawdown.drawdown * 100) / limits.capitalUsd;
      add(
        'maxDrawdownPct',
        null,
        drawdownPct,
        limits.maxDrawdownPct,
        (pct) => `drawdown ${formatNumber(drawdownPct)}% of capital is ${pct} of the ${formatNumber(limits.maxDrawdownPct)}% limit`,
      );
    }
    for (const symbol of [...this.symbols.keys()].sort()) {
      const state = this.symbols.get(symbol) as SymbolState;
      const positionUsd = Math.abs(state.positionUsd);
      const assetLimitUsd = maxPositionUsdFor(limits, symbol);
      add(
        'maxPositionUsdPerAsset',
        symbol,
        positionUsd,
        assetLimitUsd,
        (pct) => `${symbol} position ${formatUsd(positionUsd)} is ${pct} of the ${formatUsd(assetLimitUsd)} per-asset limit`,
      );
      if (state.volatility !== undefined) {
        const multiple = state.volatility.current / state.volatility.normal;
        add(
          'volatilityPauseMultiple',
          symbol,
          multiple,
          limits.volatilityPauseMultiple,
          (pct) =>
            `${symbol} volatility at ${formatNumber(multiple)}× normal is ${pct} of the ${formatNumber(limits.volatilityPauseMultiple)}× pause level`,
        );
      }
    }
    const totalUsd = this.totalPositionUsd();
    add(
      'maxTotalPositionUsd',
      null,
      totalUsd,
      limits.maxTotalPositionUsd,
      (pct) => `total position ${formatUsd(totalUsd)} is ${pct} of the ${formatUsd(limits.maxTotalPositionUsd)} limit`,
    );
    const orders = this.ordersSent.countAt(now);
    add(
      'maxOrdersPerMinute',
      null,
      orders,
      limits.maxOrdersPerMinute,
      (pct) => `${orders} orders in the last minute is ${pct} of the ${limits.maxOrdersPerMinute}/min limit`,
    );
    // The pause trips at maxApiErrors + 1 errors, so that count is 100%.
    const errors = this.apiErrors.countAt(now);
    add(
      'maxApiErrors',
      null,
      errors,
      limits.maxApiErrors + 1,
      (pct) =>
        `${errors} API errors in the last ${formatDuration(this.apiErrors.windowUs)} is ${pct} of the ${limits.maxApiErrors + 1} that pause quoting`,
    );
    return usage;
  }

  private totalPositionUsd(): number {
    let total = 0;
    for (const state of this.symbols.values()) total += Math.abs(state.positionUsd);
    return total;
  }

  private symbolState(symbol: string): SymbolState {
    let state = this.symbols.get(symbol);
    if (state === undefined) {
      if (symbol === '' || symbol === '*') throw new InvalidInputError(`'${symbol}' is not a symbol`);
      state = {
        widenRange: undefined,
        cancelRange: undefined,
        widen: new Cooldown(),
        cancel: new Cooldown(),
        positionUsd: 0,
        positionBreach: undefined,
        volatility: undefined,
        volatilityBreachSince: undefined,
      };
      this.symbols.set(symbol, state);
    }
    return state;
  }

  private checkTime(now: Micros): void {
    if (!Number.isSafeInteger(now)) throw new InvalidInputError(`time must be integer microseconds, got ${now}`);
    if (this.lastTime !== undefined && now < this.lastTime) {
      throw new InvalidInputError(`time ${now} is before the last observation at ${this.lastTime}; all times must come from one clock`);
    }
  }

  private advance(now: Micros): void {
    this.checkTime(now);
    this.lastTime = now;
    this.version += 1;
  }
}

function movedMoreThan(move: PriceMove, pct: number): boolean {
  return Math.abs(move.toPrice - move.fromPrice) * 100 > pct * move.fromPrice;
}

function describeMove(symbol: string, move: PriceMove): string {
  return `${symbol} price moved ${formatNumber(move.fraction * 100, 3)}% in ${formatDuration(move.toTime - move.fromTime)} (from ${move.fromPrice} to ${move.toPrice})`;
}

/** Most severe first, then by rule order, then account-wide before per-symbol, then by symbol. */
function compareRules(a: FiredRule, b: FiredRule): number {
  return (
    riskStatusSeverity(b.status) - riskStatusSeverity(a.status) ||
    RISK_RULE_IDS.indexOf(a.ruleId) - RISK_RULE_IDS.indexOf(b.ruleId) ||
    (a.symbol === null ? -1 : 0) - (b.symbol === null ? -1 : 0) ||
    compareText(a.symbol ?? '', b.symbol ?? '')
  );
}

/** Code-unit order, not locale order: the same rules must sort the same everywhere. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function symbolDecision(symbol: string, positionUsd: number, firedRules: readonly FiredRule[]): SymbolRiskDecision {
  const rules = firedRules.filter((rule) => rule.symbol === null || rule.symbol === symbol);
  // Throttling denies new orders but does not pull resting quotes, so it pauses no side.
  const pausing = rules.filter((rule) => rule.effect.type !== 'throttle');
  const cancelAll = rules.some((rule) => rule.effect.type === 'halt' || rule.effect.type === 'cancel-all');
  const bidPaused = cancelAll || pausing.some((rule) => ruleBlocksNewOrder(rule, 'buy', positionUsd));
  const askPaused = cancelAll || pausing.some((rule) => ruleBlocksNewOrder(rule, 'sell', positionUsd));
  const spreadMultiplier = rules.reduce(
    (multiplier, rule) => (rule.effect.type === 'widen' ? Math.max(multiplier, rule.effect.spreadMultiplier) : multiplier),
    1,
  );
  const actions: SymbolAction[] = [];
  if (cancelAll) {
    actions.push({ type: 'cancel-all' });
  } else {
    if (spreadMultiplier > 1) actions.push({ type: 'widen', spreadMultiplier });
    if (bidPaused) actions.push({ type: 'pause-bid' });
    if (askPaused) actions.push({ type: 'pause-ask' });
    if (actions.length === 0) actions.push({ type: 'allow' });
  }
  return { symbol, positionUsd, spreadMultiplier, bidPaused, askPaused, cancelAll, actions, rules };
}

/**
 * One limit's usage; the text is built when read: decisions are made for every order sent, texts
 * are read by people. Readonly by type; the decision freezes its lists, not each small entry,
 * because freezing thousands of small objects a second costs more than the decision itself.
 */
class LazyLimitUsage implements LimitUsage {
  constructor(
    readonly limit: RiskLimitName,
    readonly symbol: string | null,
    readonly value: number,
    readonly limitValue: number,
    readonly usage: number,
    readonly status: RiskStatus,
    describe: (pct: string) => string,
  ) {
    this.#describe = describe;
  }

  // A private field, not a property: two decisions with the same numbers compare equal, JSON has no
  // function, and the object keeps one shape (defineProperty on each instance cost per evaluation).
  readonly #describe: (pct: string) => string;

  get text(): string {
    return this.#describe(`${formatNumber(this.usage * 100, 1)}%`);
  }

  toJSON(): LimitUsage {
    return {
      limit: this.limit,
      symbol: this.symbol,
      value: this.value,
      limitValue: this.limitValue,
      usage: this.usage,
      status: this.status,
      text: this.text,
    };
  }
}
