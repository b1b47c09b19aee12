import { InvalidInputError, type Side } from '@mm/core';

/**
 * Where our resting order stands in the queue of its price level. Only L2 data exists here (sizes per
 * level, not orders), so the position is an estimate; each model states how it estimates.
 *
 * The model keeps one number per order, `queueAheadLots`: resting size in front of us. When trades
 * at our price eat more than that, the excess fills us.
 */
export interface QueuePosition {
  /** Resting size estimated in front of our order, in lots; negative = overshoot that fills us. */
  queueAheadLots: number;
  /** Lots traded at our price since the last depth update (so depth decreases are not counted twice). */
  tradedSinceDepthLots: number;
  /** The order's side and price (the simulated exchange gives them; the top-of-book model needs them). */
  readonly side?: Side;
  readonly priceTicks?: number;
}

export interface QueueModel {
  readonly name: string;
  /** Our order joins the back of a level already holding `levelLots` (not counting ours). */
  onJoin(position: QueuePosition, levelLots: number): void;
  /** A trade of `tradeLots` printed at our price. */
  onTrade(position: QueuePosition, tradeLots: number): void;
  /** The level's size went from `previousLots` to `nextLots` (ours excluded). */
  onDepthChange(position: QueuePosition, previousLots: number, nextLots: number): void;
}

function join(position: QueuePosition, levelLots: number): void {
  position.queueAheadLots = levelLots;
  position.tradedSinceDepthLots = 0;
}

function trade(position: QueuePosition, tradeLots: number): void {
  position.queueAheadLots -= tradeLots;
  position.tradedSinceDepthLots += tradeLots;
}

/**
 * Conservative ("risk-averse"): the queue ahead shrinks only by trades at our price. Cancels are
 * assumed to come from behind us, except that the queue ahead can never exceed the level itself.
 * Fills are never earlier than reality; usually later. hftbacktest's `RiskAdverseQueueModel`.
 */
export class ConservativeQueueModel implements QueueModel {
  readonly name = 'conservative';

  onJoin(position: QueuePosition, levelLots: number): void {
    join(position, levelLots);
  }

  onTrade(position: QueuePosition, tradeLots: number): void {
    trade(position, tradeLots);
  }

  onDepthChange(position: QueuePosition, _previousLots: number, nextLots: number): void {
    position.tradedSinceDepthLots = 0;
    if (position.queueAheadLots > nextLots) position.queueAheadLots = nextLots;
  }
}

/**
 * Probabilistic: when the level shrinks by more than the trades explain, the decrease is cancels,
 * and a share of them comes from in front of us. With `front` ahead and `back` behind, the share
 * from the front is f(front) / (f(front) + f(back)) for f(x) = x^power (hftbacktest's
 * `ProbQueueModel` with `PowerProbQueueFunc`): power 1 is proportional to position, larger powers
 * assume cancels come mostly from the back (long-resting orders are stickier). Increases are new
 * orders joining behind us.
 */
export class PowerProbQueueModel implements QueueModel {
  readonly name: string;

  constructor(readonly power: number) {
    if (!Number.isFinite(power) || power <= 0) {
      throw new InvalidInputError(`queue model power must be > 0, got ${power}`);
    }
    this.name = `power-prob(${power})`;
  }

  onJoin(position: QueuePosition, levelLots: number): void {
    join(position, levelLots);
  }

  onTrade(position: QueuePosition, tradeLots: number): void {
    trade(position, tradeLots);
  }

  onDepthChange(position: QueuePosition, previousLots: number, nextLots: number): void {
    // Decreases already explained by trades at our level must not move us twice.
    const change = previousLots - nextLots - position.tradedSinceDepthLots;
    position.tradedSinceDepthLots = 0;
    if (change <= 0) {
      if (position.queueAheadLots > nextLots) position.queueAheadLots = nextLots;
      return;
    }
    const front = Math.max(position.queueAheadLots, 0);
    const back = Math.max(previousLots - front, 0);
    const weightFront = front ** this.power;
    const weightBack = back ** this.power;
    const total = weightFront + weightBack;
    const shareFromFront = total > 0 ? weightFront / total : 1;
    // When the back cannot absorb its share, the rest must have come from the front.
    const backOverflow = Math.max((1 - shareFromFront) * change - back, 0);
    const estimated = front - shareFromFront * change - backOverflow;
    position.queueAheadLots = Math.min(Math.max(estimated, 0), nextLots);
  }
}
