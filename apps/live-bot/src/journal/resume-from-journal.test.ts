import type { AccountSnapshot, ExecutionReports, OrderFilledEvent, ReportsRequest } from '@mm/core';
import { Instrument, ManualClock } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { Journal } from './journal.js';
import { resumeFromJournal, type ResumeExecution } from './resume-from-journal.js';

const btc = Instrument.hyperliquidPerp('BTC', 5);
const SCOPE = 'testnet|default|0xabc';
const USER = '0xabc' as const;

function venueFill(tid: number, side: 'buy' | 'sell', sizeLots: number): OrderFilledEvent {
  return {
    type: 'order-filled',
    symbol: 'BTC',
    clientOrderId: `oid:${500 + tid}`,
    fillId: String(tid),
    side,
    priceTicks: 1_000_000,
    sizeLots,
    remainingLots: 0,
    liquidity: 'maker',
    feeQuote: -0.001,
    venueTimeUs: (1_700_000_000_000 + tid) * 1000,
    localTimeUs: 0,
  };
}

/** An adapter whose reports hold `venueFills` (minus those on record) and one position. */
function setup(venueFills: OrderFilledEvent[], positionLots: number | undefined, averageEntryPriceTicks = 1_000_000) {
  const journal = new Journal(':memory:');
  const first = journal.startSession({ mode: 'testnet', scope: SCOPE, accountAddress: USER, symbols: ['BTC'], startedLocalUs: 1 });
  const requests: ReportsRequest[] = [];
  const execution: ResumeExecution = {
    reports: async (request): Promise<ExecutionReports> => {
      requests.push(request);
      const booked = new Set((request.bookedFills ?? []).map((fill) => fill.fillId));
      return {
        openOrders: [],
        fills: venueFills.filter((fill) => !booked.has(fill.fillId)),
        positions: positionLots === undefined ? [] : [{ symbol: 'BTC', positionLots, averageEntryPriceTicks }],
        asOfUs: 0,
      };
    },
  };
  return { journal, first, execution, requests };
}

const journaledFill = (journal: Journal, sessionId: number, fillId: string, side: 'buy' | 'sell', sizeLots: number) =>
  journal.recordEvent(
    sessionId,
    {
      type: 'order-filled',
      symbol: 'BTC',
      clientOrderId: '0x01',
      fillId,
      side,
      priceTicks: 1_000_000,
      sizeLots,
      remainingLots: 0,
      liquidity: 'maker',
      feeQuote: -0.001,
      venueTimeUs: 1,
      localTimeUs: 2,
    },
    { midTicks: 1_000_005 },
  );

describe('resumeFromJournal', () => {
  it('journals the fills the bot missed once, carries the open orders to the engine, and starts at the venue position', async () => {
    const { journal, first, execution, requests } = setup(
      [venueFill(1, 'buy', 100), venueFill(2, 'buy', 200), venueFill(3, 'sell', 50)],
      250,
    );
    journaledFill(journal, first, '1', 'buy', 100);
    const second = journal.startSession({ mode: 'testnet', scope: SCOPE, accountAddress: USER, symbols: ['BTC'], startedLocalUs: 3 });
    const snapshot: AccountSnapshot = {
      openOrders: [
        { clientOrderId: '0x01', symbol: 'BTC', side: 'buy', priceTicks: 999_000, sizeLots: 10 },
        { clientOrderId: '0xff', symbol: 'BTC', side: 'sell', priceTicks: 1_001_000, sizeLots: 10 },
      ],
      positions: { BTC: 250 },
    };
    journal.recordCommands(
      first,
      [
        {
          type: 'place-order',
          symbol: 'BTC',
          clientOrderId: '0x01',
          side: 'buy',
          priceTicks: 999_000,
          sizeLots: 10,
          timeInForce: 'post-only',
          reduceOnly: false,
        },
      ],
      1,
    );
    const result = await resumeFromJournal({
      journal,
      sessionId: second,
      scope: SCOPE,
      instruments: [btc],
      execution,
      snapshot,
      clock: new ManualClock(10),
    });
    // Nothing is sent: the engine's start-up reconcile decides the carried orders.
    expect(result.carriedOrderIds).toEqual(new Set(['0x01', '0xff']));
    // The adapter is handed what is on record, so it can match its own fill ids.
    expect(requests[0]!.bookedFills!.map((fill) => fill.fillId)).toEqual(['1']);
    expect(result.summary.carriedOnStart).toEqual({ journaled: 1, unrecorded: 1 });
    expect(result.summary.recoveredFills.map((fill) => fill.fillId)).toEqual(['2', '3']);
    expect(result.fills.map((fill) => [fill.fillId, fill.source])).toEqual([
      ['1', 'live'],
      ['2', 'recovered'],
      ['3', 'recovered'],
    ]);
    expect(result.openingPositions).toEqual({});
    expect(result.venuePositions).toEqual({ BTC: 250 });

    // A second resume finds nothing new: the trade ids are journaled.
    const third = journal.startSession({ mode: 'testnet', scope: SCOPE, accountAddress: USER, symbols: ['BTC'], startedLocalUs: 4 });
    const again = await resumeFromJournal({
      journal,
      sessionId: third,
      scope: SCOPE,
      instruments: [btc],
      execution,
      snapshot: { openOrders: [], positions: {} },
      clock: new ManualClock(20),
    });
    expect(again.summary.recoveredFills).toEqual([]);
    expect(again.fills).toHaveLength(3);
    expect(journal.fills(SCOPE)).toHaveLength(3);
  });

  it('carries in what the journal cannot explain at the venue entry price; other scopes are not resumed', async () => {
    const { journal, first, execution } = setup([], -300, 990_005);
    const other = journal.startSession({
      mode: 'paper',
      scope: 'paper|http://127.0.0.1:9|0xabc',
      accountAddress: USER,
      symbols: ['BTC'],
      startedLocalUs: 1,
    });
    journaledFill(journal, other, '1', 'buy', 500);
    const result = await resumeFromJournal({
      journal,
      sessionId: first,
      scope: SCOPE,
      instruments: [btc],
      execution,
      snapshot: { openOrders: [], positions: {} },
      clock: new ManualClock(10),
    });
    expect(result.fills).toEqual([]);
    expect(result.openingPositions).toEqual({ BTC: { positionLots: -300, averageEntryPriceTicks: 990_005 } });
    expect(result.summary.residualLots).toEqual({ BTC: -300 });
  });
});
