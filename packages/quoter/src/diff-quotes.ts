import {
  InvalidInputError,
  parseConfig,
  type CancelOrderCommand,
  type ClientOrderId,
  type ExecutionCapabilities,
  type ModifyOrderCommand,
  type OpenOrder,
  type OrderCommand,
  type PlaceOrderCommand,
  type Quote,
} from '@mm/core';
import { z } from 'zod';

const BPS = 10_000;

/**
 * When a resting order is "close enough" to a target to leave alone. Each cancel/modify costs
 * queue priority and rate limit, so small moves are not worth chasing. Defaults live only here.
 */
export const quoteDiffToleranceSchema = z.strictObject({
  /** Price moves up to this many bps of the target price are skipped. */
  priceToleranceBps: z.number().nonnegative().default(0.5),
  /** Size differences up to this fraction of the target size are skipped (0.1 = 10 %). */
  sizeToleranceRatio: z.number().min(0).max(1).default(0.1),
});

export type QuoteDiffToleranceInput = z.input<typeof quoteDiffToleranceSchema>;
export type QuoteDiffTolerance = Readonly<z.output<typeof quoteDiffToleranceSchema>>;

/** Tolerances this module parsed: passed back in, they are not parsed again on every diff. */
const PARSED_TOLERANCES = new WeakSet<object>();

/** Parses diff tolerances; a `ConfigError` names every bad field. Parse once, pass the result to `diffQuotes`. */
export function parseQuoteDiffTolerance(input: unknown): QuoteDiffTolerance {
  const parsed = parseConfig(quoteDiffToleranceSchema, input, 'quote diff tolerance');
  PARSED_TOLERANCES.add(parsed);
  return parsed;
}

const DEFAULT_TOLERANCE = parseQuoteDiffTolerance({});

export interface DiffQuotesOptions {
  /** Symbol of the targets. Open orders of other symbols are left alone. */
  symbol: string;
  /** Only `modify` matters here: with it, a moved level is one modify, else a cancel + place. */
  capabilities: Pick<ExecutionCapabilities, 'modify'>;
  /** Supplies client order ids for new orders (e.g. `ClientOrderIdSequence#nextId`), keeping this pure. */
  nextClientOrderId: () => ClientOrderId;
  /** Parsed tolerance, or an input for `quoteDiffToleranceSchema`; absent: the schema's defaults. */
  tolerance?: QuoteDiffToleranceInput;
}

/** True when `order` may stand in for `target` under `tolerance` (same side assumed). */
export function isWithinTolerance(target: Quote, order: OpenOrder, tolerance: QuoteDiffTolerance): boolean {
  const priceSlackTicks = (target.priceTicks * tolerance.priceToleranceBps) / BPS;
  const sizeSlackLots = target.sizeLots * tolerance.sizeToleranceRatio;
  return Math.abs(order.priceTicks - target.priceTicks) <= priceSlackTicks && Math.abs(order.sizeLots - target.sizeLots) <= sizeSlackLots;
}

/**
 * The fewest commands turning `openOrders` into `targets`:
 * 1. keep: per side, pairs (target, order) within tolerance are matched closest-in-price first
 *    (ties: better target level, then order position), each order standing for one target;
 * 2. move: the remaining targets and orders of a side are paired best price first; each pair is
 *    one modify when the venue has it, else a cancel + a post-only place;
 * 3. the rest: unmatched orders are cancelled, unmatched targets placed (post-only).
 * Commands come cancels first (frees margin and price levels), then modifies that move away from
 * the market, then those that move toward it, then places; so our own orders do not cross each
 * other mid-update. Pure: ids come from `nextClientOrderId`, called once per place, in order.
 */
export function diffQuotes(targets: readonly Quote[], openOrders: readonly OpenOrder[], options: DiffQuotesOptions): OrderCommand[] {
  const given = options.tolerance;
  const tolerance =
    given === undefined ? DEFAULT_TOLERANCE : PARSED_TOLERANCES.has(given) ? (given as QuoteDiffTolerance) : parseQuoteDiffTolerance(given);
  targets.forEach(checkTarget);
  const ours = openOrders.filter((order) => order.symbol === options.symbol);

  const cancels: CancelOrderCommand[] = [];
  const modifies: ModifyOrderCommand[] = [];
  const places: Quote[] = [];
  for (const side of ['buy', 'sell'] as const) {
    const sideTargets = targets.filter((target) => target.side === side);
    const sideOrders = ours.filter((order) => order.side === side);
    const { unmatchedTargets, unmatchedOrders } = keepWithinTolerance(sideTargets, sideOrders, tolerance);
    const byBestPrice = side === 'buy' ? (a: number, b: number) => b - a : (a: number, b: number) => a - b;
    unmatchedTargets.sort((a, b) => byBestPrice(a.priceTicks, b.priceTicks) || a.level - b.level);
    unmatchedOrders.sort((a, b) => byBestPrice(a.priceTicks, b.priceTicks));
    const movable = options.capabilities.modify ? Math.min(unmatchedTargets.length, unmatchedOrders.length) : 0;
    for (let index = 0; index < movable; index += 1) {
      const target = unmatchedTargets[index]!;
      const order = unmatchedOrders[index]!;
      modifies.push({
        type: 'modify-order',
        symbol: options.symbol,
        clientOrderId: order.clientOrderId,
        priceTicks: target.priceTicks,
        sizeLots: target.sizeLots,
      });
    }
    for (const order of unmatchedOrders.slice(movable)) {
      cancels.push({ type: 'cancel-order', symbol: options.symbol, clientOrderId: order.clientOrderId });
    }
    places.push(...unmatchedTargets.slice(movable));
  }

  const orderById = new Map(ours.map((order) => [order.clientOrderId, order] as const));
  const isPassiveMove = (command: ModifyOrderCommand): boolean => {
    const order = orderById.get(command.clientOrderId)!;
    return order.side === 'buy' ? command.priceTicks <= order.priceTicks : command.priceTicks >= order.priceTicks;
  };
  const placeCommands = places.map((target): PlaceOrderCommand => ({
    type: 'place-order',
    symbol: options.symbol,
    clientOrderId: options.nextClientOrderId(),
    side: target.side,
    priceTicks: target.priceTicks,
    sizeLots: target.sizeLots,
    timeInForce: 'post-only',
    reduceOnly: false,
  }));
  return [...cancels, ...modifies.filter(isPassiveMove), ...modifies.filter((command) => !isPassiveMove(command)), ...placeCommands];
}

function keepWithinTolerance(
  targets: readonly Quote[],
  orders: readonly OpenOrder[],
  tolerance: QuoteDiffTolerance,
): { unmatchedTargets: Quote[]; unmatchedOrders: OpenOrder[] } {
  const candidates: { targetIndex: number; orderIndex: number; distanceTicks: number }[] = [];
  targets.forEach((target, targetIndex) => {
    orders.forEach((order, orderIndex) => {
      if (isWithinTolerance(target, order, tolerance)) {
        candidates.push({ targetIndex, orderIndex, distanceTicks: Math.abs(order.priceTicks - target.priceTicks) });
      }
    });
  });
  candidates.sort(
    (a, b) =>
      a.distanceTicks - b.distanceTicks ||
      targets[a.targetIndex]!.level - targets[b.targetIndex]!.level ||
      a.targetIndex - b.targetIndex ||
      a.orderIndex - b.orderIndex,
  );
  const keptTargets = new Set<number>();
  const keptOrders = new Set<number>();
  for (const { targetIndex, orderIndex } of candidates) {
    if (keptTargets.has(targetIndex) || keptOrders.has(orderIndex)) continue;
    keptTargets.add(targetIndex);
    keptOrders.add(orderIndex);
  }
  return {
    unmatchedTargets: targets.filter((_, index) => !keptTargets.has(index)),
    unmatchedOrders: orders.filter((_, index) => !keptOrders.has(index)),
  };
}

function checkTarget(target: Quote, index: number): void {
  if (
    (target.side !== 'buy' && target.side !== 'sell') ||
    !Number.isSafeInteger(target.priceTicks) ||
    target.priceTicks <= 0 ||
    !Number.isSafeInteger(target.sizeLots) ||
    target.sizeLots <= 0
  ) {
    throw new InvalidInputError(`targets[${index}] must have a side, priceTicks > 0 and sizeLots > 0 as integers`, {
      target,
    });
  }
}
