import type { AccountSnapshot, OrderCommand } from '@mm/core';
import { Instrument, ManualClock } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { Journal } from './journal.js';
import { resumeFromJournal, type AccountInfo, type ResumeExecution } from './resume-from-journal.js';

const btc = Instrument.hyperliquidPerp('BTC', 5);
const SCOPE = 'testnet|default|0xabc';
const USER = '0xabc' as const;

function wireFill(tid: number, side: 'B' | 'A', sz: string, extra: Record<string, unknown> = {}) {
  return { coin: 'BTC', px: '100000', sz, side, time: 1_700_000_000_000 + tid, oid: 500 + tid, tid, crossed: false, fee: '-0.001', cloid: null, ...extra };
}

function setup(venueFills: unknown[], szi: string | undefined, entryPx = '100000') {
  const journal = new Journal(':memory:');
  const first = journal.startSession({ mode: 'testnet', scope: SCOPE, accountAddress: USER, symbols: ['BTC'], startedLocalUs: 1 });
  const info: AccountInfo = {
    userFills: async () => venueFills,
    clearinghouseState: async () => ({ assetPositions: szi === undefined ? [] : [{ position: { coin: 'BTC', szi, entryPx } }] }),
  };
  const sent: OrderCommand[][] = [];
  const execution: ResumeExecution = {
    send: (commands) => void sent.push([...commands]),
    whenIdle: async () => undefined,
    reconcile: async () => ({ openOrders: [], positions: {} }),
  };
  return { journal, first, info, execution, sent };
}

const journaledFill = (journal: Journal, sessionId: number, fillId: string, side: 'buy' | 'sell', sizeLots: number) =>
  journal.recordEvent(sessionId, {
    type: 'order-filled', symbol: 'BTC', clientOrderId: '0x01', fillId, side, priceTicks: 1_000_000, sizeLots, remainingLots: 0, liquidity: 'maker', feeQuote: -0.001, venueTimeUs: 1, localTimeUs: 2,
  }, { midTicks: 1_000_005 });

describe('resumeFromJournal', () => {
  it('journals the fills the bot missed once, cancels every open order, and starts at the venue position', async () => {
    const { journal, first, info, execution, sent } = setup([wireFill(1, 'B', '0.001'), wireFill(2, 'B', '0.002'), wireFill(3, 'A', '0.0005')], '0.0025');
    journaledFill(journal, first, '1', 'buy', 100);
    const second = journal.startSession({ mode: 'testnet', scope: SCOPE, accountAddress: USER, symbols: ['BTC'], startedLocalUs: 3 });
    const snapshot: AccountSnapshot = {
      openOrders: [
        { clientOrderId: '0x01', symbol: 'BTC', side: 'buy', priceTicks: 999_000, sizeLots: 10 },
        { clientOrderId: '0xff', symbol: 'BTC', side: 'sell', priceTicks: 1_001_000, sizeLots: 10 },
      ],
      positions: { BTC: 250 },
    };
    journal.recordCommands(first, [{ type: 'place-order', symbol: 'BTC', clientOrderId: '0x01', side: 'buy', priceTicks: 999_000, sizeLots: 10, timeInForce: 'post-only', reduceOnly: false }], 1);
    const result = await resumeFromJournal({ journal, sessionId: second, scope: SCOPE, instruments: [btc], user: USER, info, execution, snapshot, clock: new ManualClock(10) });
    expect(sent).toEqual([[{ type: 'cancel-all', reason: expect.any(String) }]]);
    expect(result.summary.cancelledOnStart).toEqual({ journaled: 1, unrecorded: 1 });
    expect(result.summary.recoveredFills.map((fill) => fill.fillId)).toEqual(['2', '3']);
    expect(result.fills.map((fill) => [fill.fillId, fill.source])).toEqual([['1', 'live'], ['2', 'recovered'], ['3', 'recovered']]);
    expect(result.openingPositions).toEqual({});
    expect(result.venuePositions).toEqual({ BTC: 250 });

    // A second resume finds nothing new: the trade ids are journaled.
    const third = journal.startSession({ mode: 'testnet', scope: SCOPE, accountAddress: USER, symbols: ['BTC'], startedLocalUs: 4 });
    const again = await resumeFromJournal({ journal, sessionId: third, scope: SCOPE, instruments: [btc], user: USER, info, execution, snapshot: { openOrders: [], positions: {} }, clock: new ManualClock(20) });
    expect(again.summary.recoveredFills).toEqual([]);
    expect(again.fills).toHaveLength(3);
    expect(journal.fills(SCOPE)).toHaveLength(3);
  });

  it("absorbs the trade ids of a fill first counted from the post response, as the adapter does", async () => {
    const { journal, first, info, execution } = setup([wireFill(7, 'B', '0.0006', { oid: 42 }), wireFill(8, 'B', '0.0006', { oid: 42 })], '0.0012');
    journaledFill(journal, first, 'oid:42:response', 'buy', 100);
    const result = await resumeFromJournal({ journal, sessionId: first, scope: SCOPE, instruments: [btc], user: USER, info, execution, snapshot: { openOrders: [], positions: {} }, clock: new ManualClock(10) });
    // 100 lots were counted already: of 60 + 60 lots, the first 60 and 40 of the second are absorbed.
    expect(result.summary.recoveredFills).toEqual([expect.objectContaining({ fillId: '8', sizeLots: 20 })]);
    expect(result.openingPositions).toEqual({});
  });

  it('carries in what the journal cannot explain at the venue entry price; other scopes are not resumed', async () => {
    const { journal, first, info, execution } = setup([], '-0.003', '99000.5');
    const other = journal.startSession({ mode: 'paper', scope: 'paper|http://127.0.0.1:9|0xabc', accountAddress: USER, symbols: ['BTC'], startedLocalUs: 1 });
    journaledFill(journal, other, '1', 'buy', 500);
    const result = await resumeFromJournal({ journal, sessionId: first, scope: SCOPE, instruments: [btc], user: USER, info, execution, snapshot: { openOrders: [], positions: {} }, clock: new ManualClock(10) });
    expect(result.fills).toEqual([]);
    expect(result.openingPositions).toEqual({ BTC: { positionLots: -300, averageEntryPriceTicks: 990_005 } });
    expect(result.summary.residualLots).toEqual({ BTC: -300 });
  });
});
