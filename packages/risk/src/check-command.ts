import type { OrderCommand, Side } from '@mm/core';
import { symbolDecisionFor, type FiredRule, type RiskDecision, type RiskRuleId } from './risk-decision.js';

/** The gate's answer: allowed, or denied with the rule that denied it. Never an exception. */
export type CommandVerdict =
  { allowed: true; reason: string } | { allowed: false; ruleId: RiskRuleId; reason: string; until: FiredRule['until'] };

/**
 * Whether `rule` stops a new order (place or modify) on `side` of a symbol holding `positionUsd`.
 * `side` undefined means "unknown" (a modify whose order side the caller did not give): then any
 * side-specific pause blocks, because the order might be on the paused side.
 */
export function ruleBlocksNewOrder(rule: FiredRule, side: Side | undefined, positionUsd: number): boolean {
  switch (rule.effect.type) {
    case 'halt':
    case 'cancel-all':
    case 'pause-quoting':
    case 'throttle':
      return true;
    case 'pause-side':
      return side === undefined || side === rule.effect.side;
    case 'pause-growth':
      // A buy grows |position| unless short, a sell unless long; flat, both grow it.
      return side === undefined || (side === 'buy' ? positionUsd >= 0 : positionUsd <= 0);
    case 'widen':
      return false;
  }
}

/**
 * The pure risk gate: cancels are always allowed (they only take risk off, and must get through
 * even when halted); a place or modify is denied by the most severe rule that blocks it. A
 * `ModifyOrderCommand` does not carry its side, so pass the resting order's `orderSide`; without it,
 * a modify is denied whenever either side of its symbol is paused.
 */
export function checkCommand(decision: RiskDecision, command: OrderCommand, orderSide?: Side): CommandVerdict {
  if (command.type === 'cancel-order' || command.type === 'cancel-all') {
    return { allowed: true, reason: 'cancels are always allowed' };
  }
  const side = command.type === 'place-order' ? command.side : orderSide;
  const symbolDecision = symbolDecisionFor(decision, command.symbol);
  for (const rule of symbolDecision.rules) {
    if (!ruleBlocksNewOrder(rule, side, symbolDecision.positionUsd)) continue;
    const what = command.type === 'place-order' ? `${command.side} order` : 'modify';
    const sideUnknown = side === undefined && (rule.effect.type === 'pause-side' || rule.effect.type === 'pause-growth');
    const note = sideUnknown ? ' (order side not given, so a paused side is assumed)' : '';
    return {
      allowed: false,
      ruleId: rule.ruleId,
      reason: `${what} on ${command.symbol} denied by ${rule.ruleId}${note}: ${rule.reason}`,
      until: rule.until,
    };
  }
  return { allowed: true, reason: `no rule blocks a ${command.type} on ${command.symbol}` };
}
