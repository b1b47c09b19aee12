import type { AccountSnapshot, Clock, ExecutionReports, Instrument, ReportsRequest } from '@mm/core';
import type { Journal, JournaledFill } from './journal.js';

/** The execution adapter's part the resume reads: its reports, given the journal's fills. */
export interface ResumeExecution {
  reports(request: ReportsRequest): Promise<ExecutionReports>;
}

export interface ResumeInput {
  journal: Journal;
  sessionId: number;
  /** Only fills journaled under this scope (venue + account) are resumed. */
  scope: string;
  instruments: readonly Instrument[];
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
  /** Open orders found at start: handed to the engine (`carriedOrders`), whose start-up reconcile cancels or adopts them. */
  carriedOrderIds: ReadonlySet<string>;
  /** The venue's position per symbol, in lots, once the cancels were done. */
  venuePositions: Record<string, number>;
  summary: {
    journaledFills: number;
    recoveredFills: Array<{ symbol: string; fillId: string; side: string; sizeLots: number; priceTicks: number }>;
    /** Open orders found at start, journaled by an earlier session or not. */
    carriedOnStart: { journaled: number; unrecorded: number };
    residualLots: Record<string, number>;
  };
}

/**
 * The start-up half of durability, run after `execution.start()` and before the engine quotes:
 *
 * 1. Open orders found at start are counted (journaled or not) and left to the engine: it is handed
 *    them as `carriedOrders`, so their events are its own, and its start-up reconcile cancels or
 *    adopts them by the same policy a reconnect applies (no separate cancel-all here).
 * 2. The adapter's reports are read, given the journal's fills: the
 *    fills it reports happened while the bot was down and are journaled now ('recovered'), exactly
 *    once (the fill id is unique). Matching its own fill ids (post-response fills) is the adapter's
 *    business: the app parses no wire format.
 * 3. The reported position is read; the difference to the journal's fills is a carried-in residual,
 *    opened at the venue's entry price, so the engine starts with exactly the venue's position (a
 *    carried order filling after this read is booked by the engine's start-up reconcile, once).
 */
export async function resumeFromJournal(input: ResumeInput): Promise<ResumeResult> {
  const { journal, sessionId, scope, execution, snapshot, clock } = input;
  const instruments = new Map(input.instruments.map((instrument) => [instrument.symbol, instrument]));

  const carriedOrderIds = new Set(snapshot.openOrders.map((order) => order.clientOrderId));
  let journaledOrders = 0;
  for (const orderId of carriedOrderIds) if (journal.sessionOfOrder(orderId) !== undefined) journaledOrders += 1;
  // Fills of carried orders that came in as events were journaled by the caller's listener and
  // are among the journal's fills handed to the reports.
  const reports = await execution.reports({ fillsSinceUs: 0, bookedFills: journal.fills(scope) });
  const recoveredFills: ResumeResult['summary']['recoveredFills'] = [];
  for (const fill of reports.fills) {
    if (!instruments.has(fill.symbol) || journal.hasFillId(scope, fill.fillId)) continue;
    const inserted = journal.recordEvent(sessionId, { ...fill, localTimeUs: clock.now() }, { source: 'recovered' });
    if (inserted)
      recoveredFills.push({
        symbol: fill.symbol,
        fillId: fill.fillId,
        side: fill.side,
        sizeLots: fill.sizeLots,
        priceTicks: fill.priceTicks,
      });
  }

  const fills = journal.fills(scope).filter((fill) => instruments.has(fill.symbol));
  const journalLots: Record<string, number> = {};
  for (const symbol of instruments.keys()) journalLots[symbol] = 0;
  for (const fill of fills) journalLots[fill.symbol]! += fill.side === 'buy' ? fill.sizeLots : -fill.sizeLots;

  const venuePositions: Record<string, number> = {};
  const entryTicks: Record<string, number> = {};
  for (const symbol of instruments.keys()) venuePositions[symbol] = 0;
  for (const position of reports.positions) {
    if (!instruments.has(position.symbol)) continue;
    venuePositions[position.symbol] = position.positionLots;
    if (position.averageEntryPriceTicks !== undefined) entryTicks[position.symbol] = position.averageEntryPriceTicks;
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
    carriedOnStart: { journaled: journaledOrders, unrecorded: carriedOrderIds.size - journaledOrders },
    residualLots,
  };
  journal.setSessionRecovery(sessionId, { ...summary, openingPositions, venuePositions });
  return { openingPositions, fills, carriedOrderIds, venuePositions, summary };
}
