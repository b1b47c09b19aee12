import { InvalidInputError, sideSign, type Side } from '@mm/core';

export interface OrderLimitInput {
  /** Signed position: long > 0, short < 0. */
  positionLots: number;
  /** The hard limit on |position|, > 0. */
  maxPositionLots: number;
  /** Lots of our orders already resting on the same side, which could all fill first. */
  restingLots?: number;
}

/**
 * The largest new order on `side` such that, even if it and every order resting on that side
 * filled completely, |position| would stay within `maxPositionLots`. A buy may take the position
 * up to +max, a sell down to −max (through zero if long). 0 when there is no room.
 * This is the hard limit only; whether the side may quote at all is the ladder's call.
 */
export function maxOrderLots(side: Side, input: OrderLimitInput): number {
  const { positionLots, maxPositionLots } = input;
  const restingLots = input.restingLots ?? 0;
  if (!Number.isSafeInteger(positionLots)) {
    throw new InvalidInputError(`positionLots must be a safe integer, got ${positionLots}`, { ...input });
  }
  if (!Number.isSafeInteger(maxPositionLots) || maxPositionLots <= 0) {
    throw new InvalidInputError(`maxPositionLots must be a positive safe integer, got ${maxPositionLots}`, {
      ...input,
    });
  }
  if (!Number.isSafeInteger(restingLots) || restingLots < 0) {
    throw new InvalidInputError(`restingLots must be a non-negative safe integer, got ${restingLots}`, { ...input });
  }
  return Math.max(0, maxPositionLots - sideSign(side) * positionLots - restingLots);
}
