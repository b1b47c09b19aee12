import type { AccountSnapshot, Clock, Instrument, OrderCommand } from '@mm/core';
import { z } from 'zod';
import type { Journal, JournaledFill } from './journal.js';

/** The reads the resume needs from the venue's info API (the SDK's InfoClient has them). */
export interface AccountInfo {
  userFills(params: { user: `0x${string}` }): Promise<unknown>;
  clearinghouseState(params: { user: `0x${string}` }): Promise<unknown>;
}

/** The execution adapter's part the resume drives: cancel what rests, re-read fills. */
export interface ResumeExecution {
  send(commands: readonly OrderCommand[]): void;
  whenIdle(): Promise<void>;
  reconcile(): Promise<AccountSnapshot>;
}

export interface ResumeInput {
  journal: Journal;
  sessionId: number;
  /** Only fills journaled under this scope (venue + account) are resumed. */
  scope: string;
  instruments: readonly Instrument[];
  user: `0x${string}`;
  info: AccountInfo;
  execution: ResumeExecution;
  /** What `execution.start()` returned. */
  snapshot: AccountSnapshot;
  clock: Clock;
}

export interface ResumeResult {
  /** Carried-in positions the journal cannot explain (held before the journal, or fills the venue no longer lists). */
  openingPositions: Record<string, { positionLots: number; averageEntryPriceTicks: number }>;
  /** Every journaled fill of the scope, oldest first, to replay into the position trackers. */
  fills: JournaledFill[];
  /** Open orders found at start (all cancelled); events about them may still arrive. */
  carriedOrderIds: ReadonlySet<string>;
  /** The venue's position per symbol, in lots, once the cancels were done. */
  venuePositions: Record<string, number>;
  summary: {
    journaledFills: number;
    recoveredFills: Array<{ symbol: string; fillId: string; side: string; sizeLots: number; priceTicks: number }>;
    cancelledOnStart: { journaled: number; unrecorded: number };
    residualLots: Record<string, number>;
  };
}

const id = z.union([z.number(), z.string()]).transform((value) => String(value));
const decimal = z.union([z.string(), z.number()]).transform((value) => String(value));
const userFillsSchema = z.array(
  z.looseObject({ coin: z.string(), px: decimal, sz: decimal, side: z.enum(['B', 'A']), time: z.number(), oid: id, tid: id, crossed: z.boolean(), fee: decimal, cloid: z.string().nullish() }),
);
const stateSchema = z.looseObject({
  assetPositions: z.array(z.looseObject({ position: z.looseObject({ coin: z.string(), szi: decimal, entryPx: decimal.nullish() }) })),
});

const RESPONSE_FILL = /^oid:(.+):response$/;

/**
 * The start-up half of durability, run after `execution.start()` and before the engine quotes:
 *
 * 1. Every open order of the account is cancelled, journaled or not: the engine's order registry
 *    cannot adopt an earlier session's orders (an event for one would fail it closed), and the
 *    strategy requotes within a frame anyway. The cancel-all is journaled like any command.
 * 2. The venue's userFills are read once the cancels are done; trade ids the journal lacks happened
 *    while the bot was down and are journaled now ('recovered'), exactly once (the trade id is unique).
 *    A fill the adapter counted from a post response (fill id `oid:<oid>:response`, before its
 *    trade ids) absorbs the trade ids of that order up to its size, as the adapter does live.
 * 3. The venue's position is read; the difference to the journal's fills is a carried-in residual,
 *    opened at the venue's entry price, so the engine starts with exactly the venue's position.
 */
export async function resumeFromJournal(input: ResumeInput): Promise<ResumeResult> {
  const { journal, sessionId, scope, user, info, execution, snapshot, clock } = input;
  const instruments = new Map(input.instruments.map((instrument) => [instrument.symbol, instrument]));

  const carriedOrderIds = new Set(snapshot.openOrders.map((order) => order.clientOrderId));
  let journaledOrders = 0;
  for (const orderId of carriedOrderIds) if (journal.sessionOfOrder(orderId) !== undefined) journaledOrders += 1;
  if (snapshot.openOrders.length > 0) {
    const command: OrderCommand = { type: 'cancel-all', reason: 'start-up: orders of an earlier session' };
    journal.recordCommands(sessionId, [command], clock.now());
    execution.send([command]);
    await execution.whenIdle();
  }
  // Fills that raced the cancels come out as events (journaled by the caller's listener).
  await execution.reconcile();

  const journaled = new Map(journal.fills(scope).map((fill) => [fill.fillId, fill]));
  const provisionalLotsByOid = new Map<string, number>();
  for (const fill of journaled.values()) {
    const match = RESPONSE_FILL.exec(fill.fillId);
    if (match !== null) provisionalLotsByOid.set(match[1]!, (provisionalLotsByOid.get(match[1]!) ?? 0) + fill.sizeLots);
  }
  const venueFills = userFillsSchema.parse(await info.userFills({ user })).sort((left, right) => left.time - right.time);
  // Lots of response fills already absorbed by trade ids the journal holds at a reduced size.
  for (const fill of venueFills) {
    const known = journaled.get(fill.tid);
    const instrument = instruments.get(fill.coin);
    if (known === undefined || instrument === undefined || !provisionalLotsByOid.has(fill.oid)) continue;
    const absorbed = instrument.parseSizeLots(fill.sz, 'nearest') - known.sizeLots;
    provisionalLotsByOid.set(fill.oid, provisionalLotsByOid.get(fill.oid)! - absorbed);
  }
  const recoveredFills: ResumeResult['summary']['recoveredFills'] = [];
  for (const fill of venueFills) {
    const instrument = instruments.get(fill.coin);
    if (instrument === undefined || journaled.has(fill.tid) || journal.hasFillId(scope, fill.tid)) continue;
    let sizeLots = instrument.parseSizeLots(fill.sz, 'nearest');
    const provisional = provisionalLotsByOid.get(fill.oid) ?? 0;
    if (provisional > 0) {
      const absorbed = Math.min(provisional, sizeLots);
      provisionalLotsByOid.set(fill.oid, provisional - absorbed);
      sizeLots -= absorbed;
    }
    if (sizeLots <= 0) continue;
    const side = fill.side === 'B' ? 'buy' : 'sell';
    const priceTicks = instrument.parsePriceTicks(fill.px, 'nearest');
    const inserted = journal.recordEvent(
      sessionId,
      {
        type: 'order-filled',
        symbol: fill.coin,
        clientOrderId: fill.cloid ?? `oid:${fill.oid}`,
        fillId: fill.tid,
        side,
        priceTicks,
        sizeLots,
        remainingLots: 0,
        liquidity: fill.crossed ? 'taker' : 'maker',
        feeQuote: Number(fill.fee),
        venueTimeUs: fill.time * 1_000,
        localTimeUs: clock.now(),
      },
      { source: 'recovered', venueOrderId: fill.oid },
    );
    if (inserted) recoveredFills.push({ symbol: fill.coin, fillId: fill.tid, side, sizeLots, priceTicks });
  }

  const fills = journal.fills(scope).filter((fill) => instruments.has(fill.symbol));
  const journalLots: Record<string, number> = {};
  for (const symbol of instruments.keys()) journalLots[symbol] = 0;
  for (const fill of fills) journalLots[fill.symbol]! += fill.side === 'buy' ? fill.sizeLots : -fill.sizeLots;

  const state = stateSchema.parse(await info.clearinghouseState({ user }));
  const venuePositions: Record<string, number> = {};
  const entryTicks: Record<string, number> = {};
  for (const symbol of instruments.keys()) venuePositions[symbol] = 0;
  for (const { position } of state.assetPositions) {
    const instrument = instruments.get(position.coin);
    if (instrument === undefined) continue;
    const negative = position.szi.startsWith('-');
    const lots = instrument.parseSizeLots(negative ? position.szi.slice(1) : position.szi, 'nearest');
    venuePositions[position.coin] = negative ? -lots : lots;
    if (position.entryPx !== undefined && position.entryPx !== null) entryTicks[position.coin] = instrument.parsePriceTicks(position.entryPx, 'nearest');
  }

  const openingPositions: ResumeResult['openingPositions'] = {};
  const residualLots: Record<string, number> = {};
  for (const symbol of instruments.keys()) {
    const residual = venuePositions[symbol]! - journalLots[symbol]!;
    residualLots[symbol] = residual;
    if (residual === 0) continue;
    const entry = entryTicks[symbol] ?? fills.filter((fill) => fill.symbol === symbol).at(-1)?.priceTicks;
    if (entry === undefined) throw new Error(`venue position of ${symbol} has no entry price`);
    openingPositions[symbol] = { positionLots: residual, averageEntryPriceTicks: entry };
  }

  const summary: ResumeResult['summary'] = {
    journaledFills: fills.length - recoveredFills.length,
    recoveredFills,
    cancelledOnStart: { journaled: journaledOrders, unrecorded: carriedOrderIds.size - journaledOrders },
    residualLots,
  };
  journal.setSessionRecovery(sessionId, { ...summary, openingPositions, venuePositions });
  return { openingPositions, fills, carriedOrderIds, venuePositions, summary };
}
