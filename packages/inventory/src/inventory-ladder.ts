import { InvalidInputError, oppositeSide, sideSign, utcDayStart, type Micros, type Side } from '@mm/core';
import type { InventoryLadderConfig } from './inventory-ladder-config.js';
import { maxOrderLots } from './max-order-lots.js';

/** The rung of the ladder that decided. */
export type InventoryRule = 'skew' | 'widen' | 'pause' | 'hedge' | 'flatten-emergency' | 'flatten-end-of-day';

export interface InventoryLadderInput {
  /** Signed position: long > 0, short < 0. */
  positionLots: number;
  /** The hard limit on |position| (see `maxPositionLotsForNotional` for a limit in quote currency). */
  maxPositionLots: number;
  /** Now, for the end-of-day cutoff. */
  nowUs: Micros;
  /** Flatten and stop quoting now (kill switch, risk breach, operator). */
  emergency?: boolean;
  /** Lots of our orders resting on each side, so `maxOrderLots` leaves room for them filling too. */
  restingBuyLots?: number;
  restingSellLots?: number;
}

/** What the quoter may do on one side. */
export interface SideControl {
  readonly side: Side;
  /** 'pause': place nothing on this side and cancel what rests there. */
  readonly action: 'quote' | 'pause';
  /** Multiplies this side's half-spread; > 1 on the side that would grow an already large position. */
  readonly spreadMultiplier: number;
  /** Largest new order on this side (0 when paused): it and the resting ones all filling keeps |q| ≤ max. */
  readonly maxOrderLots: number;
  readonly rule: Exclude<InventoryRule, 'hedge'>;
  readonly reason: string;
}

/**
 * An order to reduce the position: `side` for `sizeLots`, reduce-only, to reach `targetPositionLots`.
 * Like any order it is capped by `maxOrderLots` of its side: if our resting orders on that side
 * filled as well, |position| must still stay within max (they reduce the position too; the rest of
 * the reduction comes once they are filled or canceled).
 */
export interface HedgeInstruction {
  readonly side: Side;
  readonly sizeLots: number;
  /** The signed position once the hedge has filled. */
  readonly targetPositionLots: number;
  readonly reduceOnly: true;
  readonly rule: 'hedge' | 'flatten-emergency' | 'flatten-end-of-day';
  readonly reason: string;
}

export interface InventoryControls {
  /** q / max clamped to [−1, 1]: the skew input for the quoter, always set. */
  readonly inventoryRatio: number;
  /** The highest rung that fired. */
  readonly rule: InventoryRule;
  readonly reason: string;
  readonly buy: SideControl;
  readonly sell: SideControl;
  /**
   * null unless the position must be reduced now, or when resting orders on the reducing side
   * already take up all the room (the reason says so).
   */
  readonly hedge: HedgeInstruction | null;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function describePosition(positionLots: number, maxPositionLots: number): string {
  if (positionLots === 0) return `flat (max ${maxPositionLots} lots)`;
  const direction = positionLots > 0 ? 'long' : 'short';
  const share = percent(Math.abs(positionLots) / maxPositionLots);
  return `${direction} ${Math.abs(positionLots)} of max ${maxPositionLots} lots (${share})`;
}

function requireNonNegativeLots(value: number | undefined, what: string): number {
  const lots = value ?? 0;
  if (!Number.isSafeInteger(lots) || lots < 0) {
    throw new InvalidInputError(`${what} must be a non-negative safe integer, got ${lots}`, { [what]: value });
  }
  return lots;
}

/**
 * The inventory control ladder as one pure decision. From the bottom rung up:
 *   skew   always: `inventoryRatio` = q/max for the quoter to shade both quotes;
 *   widen  |q|/max > widenAboveRatio: the side that would grow the position quotes wider;
 *   pause  |q|/max > pauseAboveRatio: that side stops quoting;
 *   hedge  |q|/max > hedgeAboveRatio: also reduce, reduce-only, back to hedgeTargetRatio·max;
 *   flatten on `emergency` or from the configured UTC end-of-day time: both sides stop and the
 *          whole position is closed.
 * Thresholds are strict (at exactly 80% the side still quotes). The side that reduces the
 * position keeps quoting, unwidened, on every rung below flatten.
 *
 * Every order it allows (each side's `maxOrderLots`, the hedge) is sized so that if it and all
 * orders resting on its side filled, |position| would stay within max; with `restingBuyLots` /
 * `restingSellLots` kept current, the hard limit holds whatever fills, however cancels race.
 * The hedge and the reducing side's `maxOrderLots` share that room (the latter is net of the hedge).
 */
export function inventoryLadder(input: InventoryLadderInput, config: InventoryLadderConfig): InventoryControls {
  const { positionLots, maxPositionLots, nowUs } = input;
  if (!Number.isSafeInteger(positionLots)) {
    throw new InvalidInputError(`positionLots must be a safe integer, got ${positionLots}`, { positionLots });
  }
  if (!Number.isSafeInteger(maxPositionLots) || maxPositionLots <= 0) {
    throw new InvalidInputError(`maxPositionLots must be a positive safe integer, got ${maxPositionLots}`, {
      maxPositionLots,
    });
  }
  if (!Number.isSafeInteger(nowUs) || nowUs < 0) {
    throw new InvalidInputError(`nowUs must be a non-negative safe integer, got ${nowUs}`, { nowUs });
  }
  const restingLots: Record<Side, number> = {
    buy: requireNonNegativeLots(input.restingBuyLots, 'restingBuyLots'),
    sell: requireNonNegativeLots(input.restingSellLots, 'restingSellLots'),
  };

  const ratio = positionLots / maxPositionLots;
  const inventoryRatio = Math.min(1, Math.max(-1, ratio));
  const loadRatio = Math.abs(ratio);
  const position = describePosition(positionLots, maxPositionLots);
  /** The side whose fills would grow |position|; none when flat. */
  const growingSide: Side | null = positionLots > 0 ? 'buy' : positionLots < 0 ? 'sell' : null;
  const reducingSide: Side | null = growingSide === null ? null : oppositeSide(growingSide);

  const timeOfDayUs = nowUs - utcDayStart(nowUs);
  const cutoffUs = config.endOfDayFlattenUtcTimeOfDayUs;
  const flattenRule =
    input.emergency === true
      ? ('flatten-emergency' as const)
      : cutoffUs !== null && timeOfDayUs >= cutoffUs
        ? ('flatten-end-of-day' as const)
        : null;

  const orderRoom = (side: Side): number => maxOrderLots(side, { positionLots, maxPositionLots, restingLots: restingLots[side] });

  /** The reduce-only order towards `targetAbsLots`, capped by the room left on its side. */
  const reduceTowards = (
    targetAbsLots: number,
    rule: HedgeInstruction['rule'],
    why: string,
  ): { hedge: HedgeInstruction | null; reason: string } => {
    if (reducingSide === null) return { hedge: null, reason: why };
    const wantedLots = Math.abs(positionLots) - targetAbsLots;
    const sizeLots = Math.min(wantedLots, orderRoom(reducingSide));
    const resting = `${restingLots[reducingSide]} lots of ${reducingSide} orders already rest`;
    if (sizeLots <= 0) {
      return { hedge: null, reason: `${why}; ${reducingSide} ${wantedLots} lots deferred: ${resting}` };
    }
    const capped = sizeLots < wantedLots ? ` (capped from ${wantedLots}: ${resting})` : '';
    const reason = `${why}; ${reducingSide} ${sizeLots} lots reduce-only${capped}`;
    const after = positionLots + sideSign(reducingSide) * sizeLots;
    return {
      hedge: {
        side: reducingSide,
        sizeLots,
        targetPositionLots: after === 0 ? 0 : after,
        reduceOnly: true,
        rule,
        reason,
      },
      reason,
    };
  };

  if (flattenRule !== null) {
    const why =
      flattenRule === 'flatten-emergency'
        ? 'flatten-emergency: emergency flag set'
        : `flatten-end-of-day: UTC time of day ${timeOfDayUs} us ≥ cutoff ${cutoffUs} us`;
    const { hedge, reason } = reduceTowards(0, flattenRule, `${why}; ${position}; no quoting, close the position`);
    const paused = (side: Side): SideControl => ({
      side,
      action: 'pause',
      spreadMultiplier: 1,
      maxOrderLots: 0,
      rule: flattenRule,
      reason,
    });
    return {
      inventoryRatio,
      rule: flattenRule,
      reason,
      buy: paused('buy'),
      sell: paused('sell'),
      hedge,
    };
  }

  const controlFor = (side: Side): SideControl => {
    if (side !== growingSide) {
      const role = growingSide === null ? 'flat' : 'this side reduces the position';
      return {
        side,
        action: 'quote',
        spreadMultiplier: 1,
        maxOrderLots: orderRoom(side),
        rule: 'skew',
        reason: `skew: ${position}; ${role}; inventory ratio ${inventoryRatio.toFixed(3)}`,
      };
    }
    if (loadRatio > config.pauseAboveRatio) {
      return {
        side,
        action: 'pause',
        spreadMultiplier: config.widenSpreadMultiplier,
        maxOrderLots: 0,
        rule: 'pause',
        reason: `pause: ${position} > pause threshold ${percent(config.pauseAboveRatio)}; ${side} side would grow it`,
      };
    }
    if (loadRatio > config.widenAboveRatio) {
      return {
        side,
        action: 'quote',
        spreadMultiplier: config.widenSpreadMultiplier,
        maxOrderLots: orderRoom(side),
        rule: 'widen',
        reason:
          `widen: ${position} > widen threshold ${percent(config.widenAboveRatio)}; ` + `${side} spread ×${config.widenSpreadMultiplier}`,
      };
    }
    return {
      side,
      action: 'quote',
      spreadMultiplier: 1,
      maxOrderLots: orderRoom(side),
      rule: 'skew',
      reason: `skew: ${position}; inventory ratio ${inventoryRatio.toFixed(3)}`,
    };
  };

  const buy = controlFor('buy');
  const sell = controlFor('sell');

  if (reducingSide !== null && loadRatio > config.hedgeAboveRatio) {
    // Rounded down (float noise aside), so the hedge always gets to or below the target share.
    const targetLots = Math.floor(config.hedgeTargetRatio * maxPositionLots + 1e-9);
    const { hedge, reason } = reduceTowards(
      targetLots,
      'hedge',
      `hedge: ${position} > hedge threshold ${percent(config.hedgeAboveRatio)}; ` +
        `back to ${percent(config.hedgeTargetRatio)} (${targetLots} lots)`,
    );
    // The hedge and the reducing side's quotes share one room, so both filling still stays within max.
    const leaveRoomForHedge = (control: SideControl): SideControl =>
      hedge === null || control.side !== hedge.side
        ? control
        : {
            ...control,
            maxOrderLots: control.maxOrderLots - hedge.sizeLots,
            reason: `${control.reason}; room net of the hedge`,
          };
    return { inventoryRatio, rule: 'hedge', reason, buy: leaveRoomForHedge(buy), sell: leaveRoomForHedge(sell), hedge };
  }

  const growing = growingSide === null ? null : growingSide === 'buy' ? buy : sell;
  const rule = growing?.rule ?? 'skew';
  return { inventoryRatio, rule, reason: growing?.reason ?? buy.reason, buy, sell, hedge: null };
}
