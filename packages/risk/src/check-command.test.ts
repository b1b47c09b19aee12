import { type OrderCommand, type Side } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArbitrary, feed, newTestManager, observationsArbitrary, SYMBOLS } from '../test/arbitrary-observations.js';
import { checkCommand, ruleBlocksNewOrder } from './check-command.js';
import { symbolDecisionFor, type FiredRule, type RiskDecision } from './risk-decision.js';

function fired(effect: FiredRule['effect'], symbol: string | null = 'BTC'): FiredRule {
  return { ruleId: 'volatility', symbol, effect, status: 'CRITICAL', reason: 'test', since: 0, until: null, clearsWhen: 'condition' };
}

function decisionWith(rules: FiredRule[], positionUsd = 0): RiskDecision {
  const entry = {
    symbol: 'BTC',
    positionUsd,
    spreadMultiplier: 1,
    bidPaused: false,
    askPaused: false,
    cancelAll: false,
    actions: [],
    rules,
  };
  return {
    time: 0,
    status: 'CRITICAL',
    statusReason: 'test',
    halted: false,
    quotingPaused: false,
    newOrdersThrottled: false,
    symbols: [entry],
    otherSymbols: { ...entry, symbol: '*', rules: rules.filter((rule) => rule.symbol === null) },
    firedRules: rules,
    usage: [],
  };
}

function place(symbol: string, side: Side): OrderCommand {
  return { type: 'place-order', symbol, clientOrderId: '0x1', side, priceTicks: 1, sizeLots: 1, timeInForce: 'gtc', reduceOnly: false };
}

describe('ruleBlocksNewOrder', () => {
  it('blocks per effect', () => {
    expect(ruleBlocksNewOrder(fired({ type: 'widen', spreadMultiplier: 3 }), 'buy', 0)).toBe(false);
    expect(ruleBlocksNewOrder(fired({ type: 'pause-side', side: 'buy' }), 'buy', 0)).toBe(true);
    expect(ruleBlocksNewOrder(fired({ type: 'pause-side', side: 'buy' }), 'sell', 0)).toBe(false);
    expect(ruleBlocksNewOrder(fired({ type: 'pause-side', side: 'buy' }), undefined, 0)).toBe(true);
    expect(ruleBlocksNewOrder(fired({ type: 'pause-growth' }, null), 'buy', 100)).toBe(true);
    expect(ruleBlocksNewOrder(fired({ type: 'pause-growth' }, null), 'sell', 100)).toBe(false);
    expect(ruleBlocksNewOrder(fired({ type: 'pause-growth' }, null), 'sell', -100)).toBe(true);
    expect(ruleBlocksNewOrder(fired({ type: 'pause-growth' }, null), 'sell', 0)).toBe(true);
    for (const type of ['halt', 'cancel-all', 'pause-quoting', 'throttle'] as const) {
      expect(ruleBlocksNewOrder(fired({ type }), 'sell', 0)).toBe(true);
    }
  });
});

describe('checkCommand', () => {
  it('cites the first blocking rule', () => {
    const decision = decisionWith([fired({ type: 'widen', spreadMultiplier: 3 }), fired({ type: 'pause-side', side: 'sell' })]);
    expect(checkCommand(decision, place('BTC', 'buy'))).toEqual({ allowed: true, reason: 'no rule blocks a place-order on BTC' });
    expect(checkCommand(decision, place('BTC', 'sell'))).toEqual({
      allowed: false,
      ruleId: 'volatility',
      reason: 'sell order on BTC denied by volatility: test',
      until: null,
    });
  });

  it('applies account-wide rules to symbols the decision does not list', () => {
    const decision = decisionWith([fired({ type: 'halt' }, null)]);
    expect(checkCommand(decision, place('XRP', 'buy')).allowed).toBe(false);
    expect(symbolDecisionFor(decision, 'XRP').symbol).toBe('XRP');
  });
});

describe('checkCommand properties over any observation sequence', () => {
  it('denies every new order on a paused side and allows every cancel', () => {
    fc.assert(
      fc.property(
        observationsArbitrary,
        fc.integer({ min: 0, max: 20 * 60 * 1_000_000 }),
        commandArbitrary,
        (observations, laterUs, command) => {
          const risk = newTestManager();
          const now = feed(risk, observations) + laterUs;
          const decision = risk.evaluate(now);
          const verdict = risk.checkCommand(command, now);
          if (command.type === 'cancel-order' || command.type === 'cancel-all') {
            expect(verdict.allowed).toBe(true);
            return;
          }
          const entry = symbolDecisionFor(decision, command.symbol);
          if (command.type === 'place-order') {
            const sidePaused = command.side === 'buy' ? entry.bidPaused : entry.askPaused;
            // Denied exactly when the side is paused or new orders are throttled, and always with a reason.
            expect(verdict.allowed).toBe(!sidePaused && !decision.newOrdersThrottled);
            if (!verdict.allowed) expect(decision.firedRules.map((rule) => rule.ruleId)).toContain(verdict.ruleId);
          } else if (entry.bidPaused || entry.askPaused) {
            expect(verdict.allowed).toBe(false); // a modify of unknown side on a symbol with a paused side
          }
          if (decision.halted) expect(verdict.allowed).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with an oracle written from the rule table, not from the gate code', () => {
    const alwaysBlocking = new Set(['daily-loss', 'drawdown', 'price-move-cancel', 'api-errors', 'volatility', 'order-rate']);
    fc.assert(
      fc.property(
        observationsArbitrary,
        fc.constantFrom(...SYMBOLS, 'SOL'),
        fc.constantFrom<Side>('buy', 'sell'),
        (observations, symbol, side) => {
          const risk = newTestManager();
          const now = feed(risk, observations);
          const decision = risk.evaluate(now);
          // Positions as the test itself saw them.
          const lastPositions = new Map<string, number>();
          for (const observation of observations) {
            if (observation.type === 'position') lastPositions.set(observation.symbol, observation.notionalUsd);
          }
          const positionUsd = lastPositions.get(symbol) ?? 0;
          const totalUsd = [...lastPositions.values()].reduce((sum, value) => sum + Math.abs(value), 0);
          const growsPosition = side === 'buy' ? positionUsd >= 0 : positionUsd <= 0;
          const overAssetLimit = Math.abs(positionUsd) >= risk.limits.maxPositionUsdPerAsset && growsPosition;
          const overTotalLimit = totalUsd >= risk.limits.maxTotalPositionUsd && growsPosition;
          const blockedByRule = decision.firedRules.some(
            (rule) => (rule.symbol === null || rule.symbol === symbol) && alwaysBlocking.has(rule.ruleId),
          );
          const verdict = risk.checkCommand(place(symbol, side), now);
          expect(verdict.allowed).toBe(!(blockedByRule || overAssetLimit || overTotalLimit));
          const paused = side === 'buy' ? symbolDecisionFor(decision, symbol).bidPaused : symbolDecisionFor(decision, symbol).askPaused;
          if (paused) expect(verdict.allowed).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
