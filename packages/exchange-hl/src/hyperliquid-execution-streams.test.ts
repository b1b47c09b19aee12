import { MICROS_PER_SECOND } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { cloid, MASTER, place, setup, T0 } from '../test/execution-harness.js';
import { err, ok } from '../test/fake-transport.js';

function fill(tid: number, extra: Record<string, unknown> = {}) {
  return {
    coin: 'BTC',
    px: '64001.0',
    sz: '0.0004',
    side: 'B',
    time: 1_786_539_650_000,
    startPosition: '0.0',
    dir: 'Open Long',
    closedPnl: '0.0',
    hash: `0x${'0'.repeat(64)}`,
    oid: 100,
    crossed: false,
    fee: '-0.000256',
    tid,
    feeToken: 'USDC',
    twapId: null,
    cloid: cloid(1),
    ...extra,
  };
}

async function startedWithOneOrder(options: Parameters<typeof setup>[0] = {}) {
  const harness = setup(options);
  harness.transport.exchange = (action) => {
    if (action.type === 'order') return ok.order([{ resting: { oid: 100 } }]);
    if (action.type === 'cancelByCloid') return ok.cancel(action.cancels.map(() => 'success'));
    return ok.default();
  };
  await harness.execution.start();
  harness.execution.send([place(1)]);
  await harness.execution.whenIdle();
  return harness;
}

describe('HyperliquidExecution: userFills and orderUpdates streams', () => {
  it('subscribes by the master address and counts each trade id once (WS twice, snapshot, reconcile)', async () => {
    const { streams, execution, events, transport } = await startedWithOneOrder({ config: { masterAddress: MASTER } });
    expect(streams.subscriptions.map((s) => [s.channel, s.payload.user])).toEqual([
      ['userFills', MASTER],
      ['orderUpdates', MASTER],
    ]);
    // The first (snapshot) message is history: it seeds the dedupe set only.
    streams.push('userFills', { user: MASTER, isSnapshot: true, fills: [fill(1)] });
    streams.push('userFills', { user: MASTER, fills: [fill(1), fill(2)] });
    streams.push('userFills', { user: MASTER, fills: [fill(2)] });
    transport.info = (payload) =>
      payload.type === 'userFills' ? [fill(2), fill(3)] : payload.type === 'openOrders' ? [] : { assetPositions: [] };
    await execution.reconcile();
    const fills = events.filter((event) => event.type === 'order-filled');
    expect(fills.map((event) => event.fillId)).toEqual(['2', '3']);
    expect(fills[0]).toMatchObject({
      clientOrderId: cloid(1),
      side: 'buy',
      priceTicks: 640_010,
      sizeLots: 40,
      remainingLots: 60,
      liquidity: 'maker',
      feeQuote: -0.000256,
      venueTimeUs: 1_786_539_650_000_000,
    });
    expect(fills[1]).toMatchObject({ remainingLots: 20 });
  });

  it('maps crossed fills to taker and absorbs the lots a post response already reported', async () => {
    const harness = setup();
    harness.transport.exchange = () => ok.order([{ filled: { totalSz: '0.001', avgPx: '64001.0', oid: 100 } }]);
    await harness.execution.start();
    harness.execution.send([place(1, { timeInForce: 'gtc' })]);
    await harness.execution.whenIdle();
    harness.streams.push('userFills', {
      user: harness.execution.userAddress,
      fills: [fill(7, { sz: '0.0006', crossed: true, fee: '0.0173' }), fill(8, { crossed: true })],
    });
    harness.streams.push('userFills', {
      user: harness.execution.userAddress,
      fills: [fill(9, { crossed: true, oid: 555, cloid: null, sz: '0.0001' })],
    });
    const fills = harness.events.filter((event) => event.type === 'order-filled');
    expect(fills.map((event) => [event.fillId, event.sizeLots, event.liquidity])).toEqual([
      ['oid:100:response', 100, 'taker'],
      ['9', 10, 'taker'],
    ]);
  });

  it('maps orderUpdates: canceled (ours: requested), scheduledCancel, marginCanceled, rejected of an open order', async () => {
    const { streams, execution, events } = await startedWithOneOrder();
    execution.send([place(2), place(3), place(4)]);
    const update = (n: number, oid: number, status: string) => ({
      order: { coin: 'BTC', side: 'B', limitPx: '64001.0', sz: '0.001', oid, timestamp: 1, origSz: '0.001', cloid: cloid(n) },
      status,
      statusTimestamp: 1_786_539_651_000,
    });
    streams.push('orderUpdates', [update(2, 200, 'open'), update(3, 300, 'open'), update(4, 400, 'open')]);
    streams.push('orderUpdates', [update(1, 100, 'scheduledCancel'), update(2, 200, 'marginCanceled'), update(3, 300, 'canceled')]);
    await execution.whenIdle();
    const accepted = events.filter((event) => event.type === 'order-accepted').map((event) => event.clientOrderId);
    expect(accepted).toEqual([cloid(1), cloid(2), cloid(3), cloid(4)]); // the later post response adds nothing
    expect(events.filter((event) => event.type === 'order-canceled').map((event) => [event.clientOrderId, event.reason])).toEqual([
      [cloid(1), 'scheduledCancel'],
      [cloid(2), 'marginCanceled'],
      [cloid(3), 'canceled'],
    ]);
  });
});

describe("HyperliquidExecution: dead man's switch and watchdog", () => {
  it('arms scheduleCancel 60 s ahead and renews it every 30 s', async () => {
    const { execution, transport, scheduler, clock } = await startedWithOneOrder();
    expect(transport.actions('scheduleCancel')).toEqual([{ type: 'scheduleCancel', time: T0 / 1000 + 60_000 }]);
    clock.advance(30 * MICROS_PER_SECOND);
    execution.heartbeat();
    scheduler.fire(30_000);
    await execution.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(transport.actions('scheduleCancel').at(-1)).toEqual({ type: 'scheduleCancel', time: T0 / 1000 + 90_000 });
    expect(execution.deadManSwitchActive).toBe(true);
  });

  it('disables the switch and reports when the account lacks the $1M volume', async () => {
    const harness = setup();
    const text = 'Cannot set scheduled cancel time until enough volume traded. Required: $1000000. Traded: $373.47205.';
    harness.transport.exchange = (action) => (action.type === 'scheduleCancel' ? err(text) : ok.order([]));
    await harness.execution.start();
    harness.scheduler.fire(30_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(harness.transport.actions('scheduleCancel')).toHaveLength(1);
    expect(harness.notifications).toContainEqual({ type: 'dead-man-switch-disabled', reason: text, timeUs: T0 });
    expect(harness.execution.deadManSwitchActive).toBe(false);
  });

  it("cancels all our orders when the caller's loop stops calling heartbeat()", async () => {
    const { execution, transport, scheduler, clock, notifications, events } = await startedWithOneOrder();
    clock.advance(3 * MICROS_PER_SECOND);
    execution.heartbeat();
    clock.advance(4 * MICROS_PER_SECOND);
    scheduler.fire(1_000);
    expect(transport.actions('cancelByCloid')).toHaveLength(0);
    clock.advance(2 * MICROS_PER_SECOND); // 6 s since the last heartbeat > 5 s
    scheduler.fire(1_000);
    await execution.whenIdle();
    expect(notifications.find((n) => n.type === 'watchdog-fired')).toMatchObject({ stalledForUs: 6 * MICROS_PER_SECOND });
    expect(transport.actions('cancelByCloid')).toEqual([{ type: 'cancelByCloid', cancels: [{ asset: 0, cloid: cloid(1) }] }]);
    expect(events.at(-1)).toMatchObject({ type: 'order-canceled', clientOrderId: cloid(1), reason: 'requested' });
    scheduler.fire(1_000); // fires once per stall
    await execution.whenIdle();
    expect(transport.actions('cancelByCloid')).toHaveLength(1);
  });
});

describe('HyperliquidExecution: request budget and reconnect', () => {
  it('never sends more weight than the budget under a burst; refusals are order-rejected events', async () => {
    const harness = setup({ streams: false, config: { weightLimitPerMinute: 50 } });
    harness.transport.exchange = (action) => ok.order(action.orders.map((_: unknown, i: number) => ({ resting: { oid: i } })));
    for (let i = 1; i <= 80; i += 1) harness.execution.send([place(i)]);
    await harness.execution.whenIdle();
    expect(harness.transport.actions('order')).toHaveLength(50);
    const rejected = harness.events.filter((event) => event.type === 'order-rejected');
    expect(rejected).toHaveLength(30);
    expect(rejected[0]).toMatchObject({ reason: expect.stringMatching(/^request budget exceeded/) });
    expect(harness.notifications.filter((n) => n.type === 'budget-exceeded')).toHaveLength(30);
  });

  it('on reconnect asks the engine to reconcile once and reads nothing itself', async () => {
    const { execution, notifications, transport } = await startedWithOneOrder();
    const reasons: string[] = [];
    execution.onReconcileNeeded((reason) => reasons.push(reason));
    const infoTypes: string[] = [];
    const answer = transport.info;
    transport.info = (payload) => {
      infoTypes.push(String((payload as { type: string }).type));
      return answer(payload);
    };
    execution.handleReconnect();
    await execution.whenIdle();
    expect(notifications.at(-1)).toMatchObject({ type: 'reconnected' });
    expect(reasons).toEqual(['WebSocket reconnected']);
    expect(execution.readyToQuote).toBe(true);
    // One account read per reconnect: the engine's reports(), not a reconcile of the adapter's own first.
    expect(infoTypes).toEqual([]);
    await execution.reports({ fillsSinceUs: 0 });
    expect(infoTypes.filter((type) => type === 'userFills')).toHaveLength(1);
  });
});

describe('HyperliquidExecution: reports, malformed messages, listener errors, switch state', () => {
  it('reports open orders, fills with the ids its events carried (a post-response fill is not counted twice) and positions', async () => {
    const harness = await startedWithOneOrder();
    const { execution, transport, streams, events } = harness;
    transport.exchange = () => ok.order([{ filled: { totalSz: '0.001', avgPx: '64005.0', oid: 101 } }]);
    execution.send([place(2, { timeInForce: 'ioc' })]);
    await execution.whenIdle();
    // The trade ids of the IOC arrive later: absorbed by the response fill, no new event.
    streams.push('userFills', {
      user: execution.userAddress,
      fills: [fill(7, { oid: 101, cloid: cloid(2), sz: '0.001', px: '64005.0', crossed: true })],
    });
    streams.push('userFills', { user: execution.userAddress, fills: [fill(8)] });
    transport.info = (payload) => {
      if (payload.type === 'openOrders')
        return [{ coin: 'BTC', side: 'B', limitPx: '64010.0', sz: '0.0006', oid: 100, timestamp: 1, origSz: '0.001', cloid: cloid(1) }];
      if (payload.type === 'clearinghouseState')
        return { assetPositions: [{ type: 'oneWay', position: { coin: 'BTC', szi: '0.0014', entryPx: '64003.2' } }] };
      return [];
    };
    const reports = await execution.reports({ fillsSinceUs: 0 });
    const emittedFillIds = events.filter((event) => event.type === 'order-filled').map((event) => (event as { fillId: string }).fillId);
    expect(emittedFillIds).toEqual(['oid:101:response', '8']);
    expect(reports.fills.map((report) => [report.fillId, report.sizeLots])).toEqual([
      ['oid:101:response', 100],
      ['8', 40],
    ]);
    expect(reports.fills.reduce((lots, report) => lots + report.sizeLots, 0)).toBe(140); // = the venue's 0.0014
    // The venue's answer wins over what we sent: its limitPx 64010.0 and 0.0006 left.
    expect(reports.openOrders).toEqual([
      { clientOrderId: cloid(1), symbol: 'BTC', side: 'buy', priceTicks: 640_100, sizeLots: 60, venueOrderId: '100' },
    ]);
    expect(reports.positions).toEqual([
      { symbol: 'BTC', positionLots: 140, averageEntryPriceTicks: 640_032 },
      { symbol: 'ETH', positionLots: 0 },
    ]);
    expect((await execution.reports({ fillsSinceUs: T0 + MICROS_PER_SECOND * 10_000 })).fills).toEqual([]);
  });

  it('counts a malformed stream message, says it with the raw text and asks for a reconcile', async () => {
    const { execution, streams, notifications } = await startedWithOneOrder();
    const asked: string[] = [];
    execution.onReconcileNeeded((reason) => asked.push(reason));
    streams.push('orderUpdates', [
      { order: { coin: 'BTC', side: 'X', limitPx: '1', sz: '1', oid: 1 }, status: 'open', statusTimestamp: 1 },
    ]);
    expect(execution.stats.malformedMessages).toBe(1);
    expect(notifications.at(-1)).toMatchObject({
      type: 'malformed-message',
      channel: 'orderUpdates',
      raw: expect.stringContaining('"side":"X"'),
      problem: expect.stringContaining('0.order.side'),
    });
    expect(asked).toEqual([expect.stringContaining('malformed orderUpdates message')]);
  });

  it('fails a reconcile whose userFills do not all parse instead of skipping them', async () => {
    const { execution, transport } = await startedWithOneOrder();
    transport.info = (payload) =>
      payload.type === 'userFills' ? [fill(9), { ...fill(10), px: null }] : payload.type === 'openOrders' ? [] : { assetPositions: [] };
    await expect(execution.reports({ fillsSinceUs: 0 })).rejects.toThrow(/1 of 2 fills in userFills do not parse/);
    expect(execution.stats.malformedMessages).toBe(1);
  });

  it('never swallows a throwing event handler: the others still get the event, the error is reported', async () => {
    const { execution, notifications, events } = setup({ streams: false });
    execution.onEvent(() => {
      throw new Error('consumer bug');
    });
    execution.send([place(1, { priceTicks: 640_001 })]); // refused locally: one event
    await execution.whenIdle();
    expect(events).toHaveLength(1);
    expect(execution.stats.listenerErrors).toBe(1);
    expect(notifications).toContainEqual({ type: 'listener-error', channel: 'execution event', message: 'consumer bug', timeUs: T0 });
  });

  it('keeps the switch state for the status report, also when its start-up notice reached no one', async () => {
    const refused = setup();
    refused.transport.exchange = (action) =>
      action.type === 'scheduleCancel'
        ? err('Cannot set scheduled cancel time until enough volume traded. Required: $1000000.')
        : ok.order([]);
    await refused.execution.start();
    expect(refused.execution.deadManSwitchState).toMatchObject({ status: 'disabled', reason: expect.stringContaining('$1000000') });
    const armed = setup();
    armed.transport.exchange = () => ok.default();
    await armed.execution.start();
    expect(armed.execution.deadManSwitchState).toEqual({ status: 'armed', cancelAtMs: T0 / 1000 + 60_000, renewedAtUs: T0 });
    const failing = setup();
    failing.transport.exchange = () => err('Internal server error');
    await failing.execution.start();
    expect(failing.execution.deadManSwitchState).toMatchObject({ status: 'failing', reason: 'Internal server error' });
  });
});

describe('HyperliquidExecution: streams state', () => {
  it('refuses reports while the socket is down and accepts them once it is open, also when its open event was not seen', async () => {
    const harness = setup();
    const socket = Object.assign(new EventTarget(), { readyState: 1 });
    (harness.streams as unknown as { socket: unknown }).socket = socket;
    await harness.execution.start();
    socket.readyState = 0;
    socket.dispatchEvent(new Event('close'));
    await expect(harness.execution.reports({ fillsSinceUs: 0 })).rejects.toThrow('streams are down');
    // Reconnected, but the 'open' event went to no listener of ours.
    socket.readyState = 1;
    await expect(harness.execution.reports({ fillsSinceUs: 0 })).resolves.toMatchObject({ openOrders: [] });
    expect(harness.execution.readyToQuote).toBe(true);
  });
});

describe('HyperliquidExecution: stop with cancelAll', () => {
  /** A venue holding `open` orders until they are cancelled by oid; `refuse` cancels none. */
  function venueWithOpenOrders(harness: ReturnType<typeof setup>, oids: number[], refuse = false) {
    const open = new Set(oids);
    const cancelledByOid: number[] = [];
    harness.transport.info = (payload) =>
      payload.type === 'openOrders'
        ? [...open].map((oid) => ({ coin: 'BTC', side: 'B', limitPx: '64000.0', sz: '0.001', oid, timestamp: 1, origSz: '0.001' }))
        : [];
    harness.transport.exchange = (action) => {
      if (action.type === 'cancel') {
        for (const cancel of action.cancels) {
          cancelledByOid.push(cancel.o);
          if (!refuse) open.delete(cancel.o);
        }
        return ok.cancel(
          action.cancels.map(() => (refuse ? { error: 'Order was never placed, already canceled, or filled.' } : 'success')),
        );
      }
      if (action.type === 'cancelByCloid') return ok.cancel(action.cancels.map(() => 'success'));
      return ok.default();
    };
    return { open, cancelledByOid };
  }

  it('cancels by oid every order the venue still reports open (a modify gave it a new oid, no cloid) and reports 0 left', async () => {
    const harness = await startedWithOneOrder();
    // Order 1 was modified at the venue: its oid is now 205 and the venue answers by oid only.
    const venue = venueWithOpenOrders(harness, [205, 206]);
    const left = await harness.execution.stop({ cancelAll: true, cancelTimeoutMs: 50 });
    expect(venue.cancelledByOid.sort()).toEqual([205, 206]);
    expect(venue.open.size).toBe(0);
    expect(left).toBe(0);
  });

  it('reports the orders left when the venue keeps them open past the timeout', async () => {
    const harness = await startedWithOneOrder();
    venueWithOpenOrders(harness, [205], true);
    const left = await harness.execution.stop({ cancelAll: true, cancelTimeoutMs: 20 });
    expect(left).toBe(1);
  });
});
