import {
  ConfigError,
  InvalidInputError,
  MICROS_PER_DAY,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  type OrderCommand,
  type Side,
} from '@mm/core';
import { describe, expect, it } from 'vitest';
import { symbolDecisionFor, type RiskDecision, type RiskRuleId } from './risk-decision.js';
import { RiskManager } from './risk-manager.js';

const S = MICROS_PER_SECOND;
const MIN = MICROS_PER_MINUTE;
/** 2024-08-09 12:00:00 UTC: noon, so the day boundary is 12 h away unless a test moves there. */
const T0 = Date.UTC(2024, 7, 9, 12) * 1000;
const NEXT_MIDNIGHT = Date.UTC(2024, 7, 10) * 1000;

function place(symbol: string, side: Side): OrderCommand {
  return {
    type: 'place-order',
    symbol,
    clientOrderId: '0x1',
    side,
    priceTicks: 100,
    sizeLots: 1,
    timeInForce: 'post-only',
    reduceOnly: false,
  };
}

function rule(decision: RiskDecision, ruleId: RiskRuleId, symbol: string | null = null) {
  return decision.firedRules.find((fired) => fired.ruleId === ruleId && fired.symbol === symbol);
}

function manager(overrides: Record<string, unknown> = {}): RiskManager {
  return new RiskManager({ capitalUsd: 10_000, ...overrides });
}

describe('RiskManager: price move > 1% within 1 min widens spreads 3× for 5 min', () => {
  it('fires just above 1% and says why with the numbers', () => {
    const risk = manager();
    risk.onPrice('BTC', 10_000, T0);
    risk.onPrice('BTC', 10_140, T0 + 42 * S);
    const decision = risk.evaluate(T0 + 42 * S);
    const widen = rule(decision, 'price-move-widen', 'BTC');
    expect(widen).toMatchObject({
      effect: { type: 'widen', spreadMultiplier: 3 },
      status: 'WARNING',
      since: T0 + 42 * S,
      until: T0 + 42 * S + 5 * MIN,
      clearsWhen: 'time',
    });
    expect(widen?.reason).toBe(
      'BTC price moved 1.4% in 42s (from 10000 to 10140) > 1% within 1min: spreads ×3 for 5min after the last such move',
    );
    const btc = symbolDecisionFor(decision, 'BTC');
    expect(btc).toMatchObject({ spreadMultiplier: 3, bidPaused: false, askPaused: false, cancelAll: false });
    expect(btc.actions).toEqual([{ type: 'widen', spreadMultiplier: 3 }]);
    expect(decision.status).toBe('WARNING');
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 42 * S).allowed).toBe(true);
  });

  it('does not fire at exactly 1% or below, nor for a move spread over more than a minute', () => {
    for (const [price, gap] of [
      [10_100, 30 * S],
      [9_900, 30 * S],
      [10_099, 30 * S],
      [10_200, 60 * S],
    ] as const) {
      const risk = manager();
      risk.onPrice('BTC', 10_000, T0);
      risk.onPrice('BTC', price, T0 + gap);
      expect(rule(risk.evaluate(T0 + gap), 'price-move-widen', 'BTC'), `${price} after ${gap}us`).toBeUndefined();
    }
  });

  it('fires on a fall too, measured from the high', () => {
    const risk = manager();
    risk.onPrice('BTC', 10_000, T0);
    risk.onPrice('BTC', 9_899, T0 + 10 * S);
    expect(rule(risk.evaluate(T0 + 10 * S), 'price-move-widen', 'BTC')?.reason).toContain('from 10000 to 9899');
  });

  it('ends exactly 5 min after the move', () => {
    const risk = manager();
    risk.onPrice('BTC', 10_000, T0);
    risk.onPrice('BTC', 10_200, T0 + 1 * S);
    expect(risk.evaluate(T0 + 1 * S + 5 * MIN - 1).symbols[0]?.spreadMultiplier).toBe(3);
    const after = risk.evaluate(T0 + 1 * S + 5 * MIN);
    expect(after.symbols[0]?.spreadMultiplier).toBe(1);
    expect(after.symbols[0]?.actions).toEqual([{ type: 'allow' }]);
    expect(after.firedRules).toEqual([]);
    expect(after.status).toBe('NORMAL');
  });

  it('extends while later prices still show the move', () => {
    const risk = manager();
    risk.onPrice('BTC', 10_000, T0);
    risk.onPrice('BTC', 10_200, T0 + 1 * S);
    risk.onPrice('BTC', 10_200, T0 + 50 * S); // 10_000 still in the window: still a 2% move
    risk.onPrice('BTC', 10_200, T0 + 70 * S); // 10_000 has left the window: no move
    const widen = rule(risk.evaluate(T0 + 70 * S), 'price-move-widen', 'BTC');
    expect(widen).toMatchObject({ since: T0 + 1 * S, until: T0 + 50 * S + 5 * MIN });
    expect(rule(risk.evaluate(T0 + 50 * S + 5 * MIN), 'price-move-widen', 'BTC')).toBeUndefined();
  });

  it('acts on the moving symbol only', () => {
    const risk = manager();
    risk.onPrice('ETH', 3_000, T0);
    risk.onPrice('BTC', 10_000, T0);
    risk.onPrice('BTC', 10_200, T0 + S);
    const decision = risk.evaluate(T0 + S);
    expect(symbolDecisionFor(decision, 'ETH').spreadMultiplier).toBe(1);
    expect(decision.otherSymbols.spreadMultiplier).toBe(1);
  });
});

describe('RiskManager: price move > 3% within 5 min cancels all for 15 min', () => {
  it('fires just above 3% and blocks new orders, not cancels', () => {
    const risk = manager();
    risk.onPrice('ETH', 10_000, T0);
    risk.onPrice('ETH', 10_301, T0 + 4 * MIN);
    const decision = risk.evaluate(T0 + 4 * MIN);
    const cancel = rule(decision, 'price-move-cancel', 'ETH');
    expect(cancel).toMatchObject({ effect: { type: 'cancel-all' }, status: 'CRITICAL', until: T0 + 19 * MIN });
    expect(cancel?.reason).toBe(
      'ETH price moved 3.01% in 4min (from 10000 to 10301) > 3% within 5min: cancel all ETH orders for 15min after the last such move',
    );
    expect(rule(decision, 'price-move-widen', 'ETH')).toBeUndefined(); // the 10_000 was > 1 min ago
    expect(symbolDecisionFor(decision, 'ETH')).toMatchObject({
      cancelAll: true,
      bidPaused: true,
      askPaused: true,
      actions: [{ type: 'cancel-all' }],
    });
    expect(decision.status).toBe('CRITICAL');
    const denied = risk.checkCommand(place('ETH', 'sell'), T0 + 4 * MIN);
    expect(denied).toMatchObject({ allowed: false, ruleId: 'price-move-cancel', until: T0 + 19 * MIN });
    expect(risk.checkCommand({ type: 'cancel-all', symbol: 'ETH', reason: 'risk' }, T0 + 4 * MIN).allowed).toBe(true);
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 4 * MIN).allowed).toBe(true);
  });

  it('does not fire at exactly 3%', () => {
    const risk = manager();
    risk.onPrice('ETH', 10_000, T0);
    risk.onPrice('ETH', 10_300, T0 + 4 * MIN);
    expect(rule(risk.evaluate(T0 + 4 * MIN), 'price-move-cancel', 'ETH')).toBeUndefined();
  });

  it('ends exactly 15 min after the move', () => {
    const risk = manager();
    risk.onPrice('ETH', 10_000, T0);
    risk.onPrice('ETH', 9_600, T0 + 2 * MIN);
    expect(risk.checkCommand(place('ETH', 'buy'), T0 + 17 * MIN - 1).allowed).toBe(false);
    expect(risk.checkCommand(place('ETH', 'buy'), T0 + 17 * MIN).allowed).toBe(true);
  });
});

describe('RiskManager: daily loss limit stops trading until 00:00 UTC', () => {
  it('halts at the limit, not below, until exactly the next 00:00 UTC', () => {
    const risk = manager();
    risk.onEquity(10_000, T0);
    risk.onEquity(9_950.01, T0 + MIN);
    expect(risk.evaluate(T0 + MIN).halted).toBe(false);
    risk.onEquity(9_950, T0 + 2 * MIN);
    const decision = risk.evaluate(T0 + 2 * MIN);
    expect(decision).toMatchObject({ halted: true, status: 'HALT' });
    expect(rule(decision, 'daily-loss')).toMatchObject({
      effect: { type: 'halt' },
      until: NEXT_MIDNIGHT,
      clearsWhen: 'time',
      reason: 'daily loss $50 (day opened at $10,000, equity $9,950 now) >= limit $50: trading stopped until the next 00:00 UTC',
    });
    expect(decision.statusReason).toContain('daily-loss');
    expect(decision.symbols).toEqual([]);
    expect(decision.otherSymbols).toMatchObject({ cancelAll: true, actions: [{ type: 'cancel-all' }] });
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 2 * MIN)).toMatchObject({
      allowed: false,
      ruleId: 'daily-loss',
      until: NEXT_MIDNIGHT,
    });
    expect(risk.checkCommand({ type: 'cancel-order', symbol: 'BTC', clientOrderId: '0x1' }, T0 + 2 * MIN).allowed).toBe(true);
  });

  it('stays halted if equity recovers the same day', () => {
    const risk = manager();
    risk.onEquity(10_000, T0);
    risk.onEquity(9_900, T0 + MIN);
    risk.onEquity(10_100, T0 + 2 * MIN);
    expect(risk.evaluate(NEXT_MIDNIGHT - 1).halted).toBe(true);
  });

  it('resets at 00:00 UTC: the new day counts from the equity carried over midnight', () => {
    const risk = manager();
    risk.onEquity(10_000, T0);
    risk.onEquity(9_940, T0 + MIN);
    const atMidnight = risk.evaluate(NEXT_MIDNIGHT);
    expect(atMidnight.halted).toBe(false);
    expect(atMidnight.status).toBe('NORMAL');
    expect(atMidnight.usage.find((entry) => entry.limit === 'maxDailyLossUsd')?.value).toBe(0);
    risk.onEquity(9_900, NEXT_MIDNIGHT + MIN); // $40 below the $9,940 that crossed midnight
    expect(risk.evaluate(NEXT_MIDNIGHT + MIN).halted).toBe(false);
    risk.onEquity(9_890, NEXT_MIDNIGHT + 2 * MIN);
    expect(rule(risk.evaluate(NEXT_MIDNIGHT + 2 * MIN), 'daily-loss')?.until).toBe(NEXT_MIDNIGHT + MICROS_PER_DAY);
  });
});

describe('RiskManager: drawdown from peak above maxDrawdownPct of capital stops until a manual reset', () => {
  it('halts just above 5% of capital, not at it, and stays halted until reset', () => {
    const risk = manager({ capitalUsd: 2_000, maxDailyLossUsd: 1_000 });
    risk.onEquity(2_000, T0);
    risk.onEquity(2_100, T0 + MIN);
    risk.onEquity(2_000, T0 + 2 * MIN); // $100 = exactly 5% of $2,000
    expect(risk.evaluate(T0 + 2 * MIN).halted).toBe(false);
    risk.onEquity(1_999, T0 + 3 * MIN);
    const decision = risk.evaluate(T0 + 3 * MIN);
    expect(rule(decision, 'drawdown')).toMatchObject({
      effect: { type: 'halt' },
      status: 'HALT',
      until: null,
      clearsWhen: 'manual-reset',
      reason: 'drawdown $101 from peak equity $2,100 to $1,999 is 5.05% of capital $2,000 > 5%: trading stopped until a manual reset',
    });
    risk.onEquity(2_200, T0 + 4 * MIN);
    expect(risk.evaluate(T0 + 10 * MICROS_PER_DAY).halted).toBe(true);
    expect(risk.resetDrawdownHalt(T0 + 10 * MICROS_PER_DAY)).toBe(true);
    expect(risk.evaluate(T0 + 10 * MICROS_PER_DAY).halted).toBe(false);
    expect(risk.resetDrawdownHalt(T0 + 10 * MICROS_PER_DAY)).toBe(false);
  });

  it('restarts the peak at the last equity on reset, so it does not re-trip at once', () => {
    const risk = manager({ capitalUsd: 2_000, maxDailyLossUsd: 1_000 });
    risk.onEquity(2_000, T0);
    risk.onEquity(1_850, T0 + MIN);
    risk.resetDrawdownHalt(T0 + 2 * MIN);
    risk.onEquity(1_840, T0 + 3 * MIN);
    expect(risk.evaluate(T0 + 3 * MIN).halted).toBe(false);
    risk.onEquity(1_749, T0 + 4 * MIN);
    expect(risk.evaluate(T0 + 4 * MIN).halted).toBe(true);
  });
});

describe('RiskManager: inventory at the limit pauses the side that would grow it', () => {
  it('pauses bids when long at the limit, not below', () => {
    const risk = manager();
    risk.onPosition('BTC', 499.99, T0);
    expect(symbolDecisionFor(risk.evaluate(T0), 'BTC').bidPaused).toBe(false);
    risk.onPosition('BTC', 500, T0 + S);
    const decision = risk.evaluate(T0 + S);
    expect(symbolDecisionFor(decision, 'BTC')).toMatchObject({ bidPaused: true, askPaused: false, actions: [{ type: 'pause-bid' }] });
    expect(rule(decision, 'position-per-asset', 'BTC')).toMatchObject({
      effect: { type: 'pause-side', side: 'buy' },
      until: null,
      clearsWhen: 'condition',
      reason: 'BTC position $500 long >= limit $500: bids (buys) paused until it is below the limit',
    });
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + S)).toMatchObject({ allowed: false, ruleId: 'position-per-asset' });
    expect(risk.checkCommand(place('BTC', 'sell'), T0 + S).allowed).toBe(true);
    expect(risk.checkCommand(place('ETH', 'buy'), T0 + S).allowed).toBe(true);
  });

  it('holds each symbol to its own limit when one is set (not the largest across symbols)', () => {
    const risk = manager({ maxPositionUsdPerAsset: 500, maxPositionUsdBySymbol: { BTC: 300, ETH: 800 } });
    risk.onPosition('BTC', 300, T0);
    risk.onPosition('ETH', 700, T0);
    risk.onPosition('SOL', 500, T0);
    const decision = risk.evaluate(T0);
    expect(symbolDecisionFor(decision, 'BTC').bidPaused).toBe(true);
    expect(rule(decision, 'position-per-asset', 'BTC')?.reason).toBe(
      'BTC position $300 long >= limit $300: bids (buys) paused until it is below the limit',
    );
    expect(symbolDecisionFor(decision, 'ETH').bidPaused).toBe(false);
    // A symbol without its own limit has the common one.
    expect(symbolDecisionFor(decision, 'SOL').bidPaused).toBe(true);
    const ethUsage = decision.usage.find((usage) => usage.limit === 'maxPositionUsdPerAsset' && usage.symbol === 'ETH');
    expect(ethUsage).toMatchObject({ limitValue: 800, usage: 700 / 800 });
  });

  it('names a bad per-symbol limit by its path', () => {
    expect(() => manager({ maxPositionUsdBySymbol: { BTC: 0 } })).toThrow(/maxPositionUsdBySymbol\.BTC/);
  });

  it('pauses asks when short, and clears when the position shrinks', () => {
    const risk = manager();
    risk.onPosition('BTC', -650, T0);
    expect(symbolDecisionFor(risk.evaluate(T0), 'BTC')).toMatchObject({ bidPaused: false, askPaused: true });
    risk.onPosition('BTC', -300, T0 + S);
    expect(symbolDecisionFor(risk.evaluate(T0 + S), 'BTC').askPaused).toBe(false);
  });

  it('denies a modify on the paused side, and a modify of unknown side', () => {
    const risk = manager();
    risk.onPosition('BTC', 800, T0);
    const modify: OrderCommand = { type: 'modify-order', symbol: 'BTC', clientOrderId: '0x1', priceTicks: 1, sizeLots: 1 };
    expect(risk.checkCommand(modify, T0, 'buy').allowed).toBe(false);
    expect(risk.checkCommand(modify, T0, 'sell').allowed).toBe(true);
    const unknown = risk.checkCommand(modify, T0);
    expect(unknown.allowed).toBe(false);
    expect(unknown.allowed === false && unknown.reason).toContain('order side not given');
  });

  it('pauses every side that would grow the total at the total limit', () => {
    const risk = manager({ maxTotalPositionUsd: 1_000 });
    risk.onPosition('BTC', 450, T0);
    risk.onPosition('ETH', -450, T0);
    risk.onPosition('SOL', 99.99, T0);
    expect(rule(risk.evaluate(T0), 'position-total')).toBeUndefined();
    risk.onPosition('SOL', 100, T0 + S);
    const decision = risk.evaluate(T0 + S);
    expect(rule(decision, 'position-total')?.reason).toBe(
      'total position $1,000 >= limit $1,000: every side that would grow a position paused until the total is below the limit',
    );
    expect(symbolDecisionFor(decision, 'BTC')).toMatchObject({ bidPaused: true, askPaused: false });
    expect(symbolDecisionFor(decision, 'ETH')).toMatchObject({ bidPaused: false, askPaused: true });
    expect(symbolDecisionFor(decision, 'DOGE')).toMatchObject({ symbol: 'DOGE', bidPaused: true, askPaused: true, cancelAll: false });
    expect(risk.checkCommand(place('DOGE', 'sell'), T0 + S)).toMatchObject({ allowed: false, ruleId: 'position-total' });
  });
});

describe('RiskManager: more than 5 API errors within 1 min pause quoting for 2 min', () => {
  it('pauses on the 6th error in a minute, not the 5th', () => {
    const risk = manager();
    for (let index = 0; index < 5; index += 1) risk.onApiError(T0 + index * S);
    expect(rule(risk.evaluate(T0 + 4 * S), 'api-errors')).toBeUndefined();
    risk.onApiError(T0 + 5 * S);
    const decision = risk.evaluate(T0 + 5 * S);
    expect(rule(decision, 'api-errors')).toMatchObject({
      effect: { type: 'pause-quoting' },
      until: T0 + 5 * S + 2 * MIN,
      reason: '6 API errors within 1min > 5: quoting paused for 2min after the last such error',
    });
    expect(decision.quotingPaused).toBe(true);
    expect(decision.otherSymbols).toMatchObject({ bidPaused: true, askPaused: true, cancelAll: false });
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 5 * S)).toMatchObject({ allowed: false, ruleId: 'api-errors' });
  });

  it('slides: an error exactly a minute old no longer counts', () => {
    const risk = manager();
    for (const second of [0, 10, 20, 30, 40]) risk.onApiError(T0 + second * S);
    risk.onApiError(T0 + 60 * S); // the error at 0 s has left: 5 in the window
    expect(risk.evaluate(T0 + 60 * S).quotingPaused).toBe(false);
    risk.onApiError(T0 + 61 * S); // 10, 20, 30, 40, 60, 61
    expect(risk.evaluate(T0 + 61 * S).quotingPaused).toBe(true);
  });

  it('ends exactly 2 min after the last error that kept the count above 5', () => {
    const risk = manager();
    for (let index = 0; index < 6; index += 1) risk.onApiError(T0 + index * S);
    risk.onApiError(T0 + 30 * S);
    expect(risk.evaluate(T0 + 30 * S + 2 * MIN - 1).quotingPaused).toBe(true);
    expect(risk.evaluate(T0 + 30 * S + 2 * MIN).quotingPaused).toBe(false);
  });
});

describe('RiskManager: order rate', () => {
  it('denies new orders once maxOrdersPerMinute were sent in the last minute, until the oldest leaves', () => {
    const risk = manager({ maxOrdersPerMinute: 3 });
    risk.onOrderSent(T0);
    risk.onOrderSent(T0 + 10 * S);
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 10 * S).allowed).toBe(true);
    risk.onOrderSent(T0 + 20 * S);
    const decision = risk.evaluate(T0 + 20 * S);
    expect(decision.newOrdersThrottled).toBe(true);
    expect(rule(decision, 'order-rate')).toMatchObject({
      effect: { type: 'throttle' },
      since: T0 + 20 * S,
      until: T0 + 60 * S,
      reason: '3 orders sent in the last 1min >= limit 3/min: new orders denied until the oldest leaves the window',
    });
    expect(symbolDecisionFor(decision, 'BTC')).toMatchObject({ bidPaused: false, askPaused: false, cancelAll: false });
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 60 * S - 1)).toMatchObject({ allowed: false, ruleId: 'order-rate' });
    expect(risk.checkCommand({ type: 'cancel-all', reason: 'x' }, T0 + 30 * S).allowed).toBe(true);
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 60 * S).allowed).toBe(true);
  });

  it('at the default 60/min, the 61st order in a minute is denied', () => {
    const risk = manager();
    for (let index = 0; index < 60; index += 1) {
      expect(risk.checkCommand(place('BTC', 'buy'), T0 + index * S).allowed).toBe(true);
      risk.onOrderSent(T0 + index * S);
    }
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 59 * S).allowed).toBe(false);
    expect(risk.checkCommand(place('BTC', 'buy'), T0 + 60 * S).allowed).toBe(true);
  });
});

describe('RiskManager: volatility above 3× normal pauses quoting', () => {
  it('pauses just above 3×, not at it, and resumes when it falls back', () => {
    const risk = manager();
    risk.onVolatility('BTC', 3, 1, T0);
    expect(rule(risk.evaluate(T0), 'volatility', 'BTC')).toBeUndefined();
    risk.onVolatility('BTC', 3.5, 1, T0 + S);
    const decision = risk.evaluate(T0 + S);
    expect(rule(decision, 'volatility', 'BTC')).toMatchObject({
      effect: { type: 'pause-quoting' },
      clearsWhen: 'condition',
      reason: 'BTC volatility 3.5 is 3.5× normal 1 > 3×: quoting paused until it is back within 3×',
    });
    expect(symbolDecisionFor(decision, 'BTC')).toMatchObject({
      bidPaused: true,
      askPaused: true,
      actions: [{ type: 'pause-bid' }, { type: 'pause-ask' }],
    });
    expect(decision.quotingPaused).toBe(false);
    risk.onVolatility('BTC', 2, 1, T0 + 2 * S);
    expect(symbolDecisionFor(risk.evaluate(T0 + 2 * S), 'BTC').bidPaused).toBe(false);
  });
});

describe('RiskManager: status from limit usage', () => {
  it('is WARNING from 50% of a limit, CRITICAL from 80%, HALT on a halting breach', () => {
    const risk = manager();
    risk.onEquity(10_000, T0);
    expect(risk.evaluate(T0)).toMatchObject({ status: 'NORMAL', statusReason: 'no rule fired; every limit below 50% used' });
    risk.onEquity(9_975.01, T0 + 1);
    expect(risk.evaluate(T0 + 1).status).toBe('NORMAL');
    risk.onEquity(9_975, T0 + 2);
    expect(risk.evaluate(T0 + 2)).toMatchObject({ status: 'WARNING', statusReason: 'daily loss $25 is 50% of the $50 limit' });
    risk.onEquity(9_960, T0 + 3);
    expect(risk.evaluate(T0 + 3).status).toBe('CRITICAL');
    risk.onEquity(9_950, T0 + 4);
    expect(risk.evaluate(T0 + 4).status).toBe('HALT');
  });

  it('lists the usage of every limit', () => {
    const risk = manager();
    risk.onEquity(10_000, T0);
    risk.onPosition('BTC', -300, T0);
    risk.onVolatility('BTC', 1.5, 1, T0);
    risk.onApiError(T0);
    risk.onOrderSent(T0);
    const usage = risk
      .evaluate(T0)
      .usage.map(({ limit, symbol, value, usage: fraction, status }) => ({ limit, symbol, value, fraction, status }));
    expect(usage).toEqual([
      { limit: 'maxDailyLossUsd', symbol: null, value: 0, fraction: 0, status: 'NORMAL' },
      { limit: 'maxDrawdownPct', symbol: null, value: 0, fraction: 0, status: 'NORMAL' },
      { limit: 'maxPositionUsdPerAsset', symbol: 'BTC', value: 300, fraction: 0.6, status: 'WARNING' },
      { limit: 'volatilityPauseMultiple', symbol: 'BTC', value: 1.5, fraction: 0.5, status: 'WARNING' },
      { limit: 'maxTotalPositionUsd', symbol: null, value: 300, fraction: 0.15, status: 'NORMAL' },
      { limit: 'maxOrdersPerMinute', symbol: null, value: 1, fraction: 1 / 60, status: 'NORMAL' },
      { limit: 'maxApiErrors', symbol: null, value: 1, fraction: 1 / 6, status: 'NORMAL' },
    ]);
    expect(risk.evaluate(T0).statusReason).toBe('BTC position $300 is 60% of the $500 per-asset limit');
  });

  it('lists fired rules most severe first', () => {
    const risk = manager();
    risk.onEquity(10_000, T0);
    risk.onPrice('BTC', 10_000, T0);
    risk.onPrice('BTC', 10_200, T0 + S);
    risk.onPosition('ETH', 600, T0 + S);
    risk.onEquity(9_900, T0 + S);
    expect(risk.evaluate(T0 + S).firedRules.map((fired) => fired.ruleId)).toEqual(['daily-loss', 'position-per-asset', 'price-move-widen']);
  });
});

describe('RiskManager: inputs and time', () => {
  it('rejects invalid limits with a ConfigError', () => {
    expect(() => new RiskManager({ capitalUsd: 1000, maxDrawdownPct: 150 })).toThrow(ConfigError);
  });

  it('rejects time going backwards and bad numbers', () => {
    const risk = manager();
    risk.onPrice('BTC', 100, T0);
    expect(() => risk.onPrice('BTC', 100, T0 - 1)).toThrow(InvalidInputError);
    expect(() => risk.evaluate(T0 - 1)).toThrow(InvalidInputError);
    expect(() => risk.onPrice('BTC', Number.NaN, T0)).toThrow(InvalidInputError);
    expect(() => risk.onEquity(Number.POSITIVE_INFINITY, T0)).toThrow(InvalidInputError);
    expect(() => risk.onVolatility('BTC', 1, 0, T0)).toThrow(InvalidInputError);
    expect(() => risk.evaluate(T0 + 0.5)).toThrow(InvalidInputError);
  });

  it('answers without changing state: the same question gives the same frozen answer', () => {
    const risk = manager();
    risk.onPrice('BTC', 10_000, T0);
    risk.onPrice('BTC', 10_200, T0 + S);
    const first = risk.evaluate(T0 + 10 * MIN);
    const earlier = risk.evaluate(T0 + 2 * S);
    expect(earlier.symbols[0]?.spreadMultiplier).toBe(3);
    expect(risk.evaluate(T0 + 10 * MIN)).toEqual(first);
    expect(risk.evaluate(T0 + 10 * MIN)).toBe(risk.evaluate(T0 + 10 * MIN));
    expect(Object.isFrozen(first.symbols)).toBe(true);
  });
});
