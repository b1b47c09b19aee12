import { describe, expect, it } from 'vitest';
import { cloid, MASTER, place, setup, T0 } from '../test/execution-harness.js';
import { err, ok } from '../test/fake-transport.js';

const BAD_ALO = 'Post only order would have immediately matched, bbo was 64990@64991. asset=0';

describe('HyperliquidExecution: batching', () => {
  it('turns one send into one cancelByCloid then one order action, with ALO/GTC/IOC and cloids', async () => {
    const { transport, execution } = setup({ streams: false });
    transport.exchange = (action) =>
      action.type === 'order'
        ? ok.order(action.orders.map((_: unknown, i: number) => ({ resting: { oid: 100 + i } })))
        : ok.cancel(['success']);
    execution.send([
      place(1),
      place(2, { timeInForce: 'gtc' }),
      place(3, { timeInForce: 'ioc', side: 'sell' }),
      { type: 'cancel-order', symbol: 'BTC', clientOrderId: cloid(9) },
    ]);
    await execution.whenIdle();
    const actions = transport.actions();
    expect(actions.map((action) => action.type)).toEqual(['cancelByCloid', 'order']);
    expect(actions[0].cancels).toEqual([{ asset: 0, cloid: cloid(9) }]);
    expect(actions[1].orders.map((order: any) => order.t.limit.tif)).toEqual(['Alo', 'Gtc', 'Ioc']);
    expect(actions[1].orders[0]).toEqual({ a: 0, b: true, p: '64001', s: '0.001', r: false, t: { limit: { tif: 'Alo' } }, c: cloid(1) });
    expect(actions[1].grouping).toBe('na');
  });

  it('splits more than 40 items into actions of at most 40', async () => {
    const { transport, execution } = setup({ streams: false });
    transport.exchange = (action) => ok.order(action.orders.map((_: unknown, i: number) => ({ resting: { oid: i } })));
    execution.send(Array.from({ length: 45 }, (_, i) => place(i + 1)));
    await execution.whenIdle();
    expect(transport.actions('order').map((action) => action.orders.length)).toEqual([40, 5]);
  });

  it('takes nonces from the injected clock, strictly increasing within one millisecond', async () => {
    const { transport, execution } = setup({ streams: false });
    transport.exchange = () => ok.order([{ resting: { oid: 1 } }]);
    execution.send([place(1)]);
    execution.send([place(2)]);
    await execution.whenIdle();
    const nonces = transport.requests.filter((request) => request.endpoint === 'exchange').map((request) => request.payload.nonce);
    expect(nonces).toEqual([T0 / 1000, T0 / 1000 + 1]);
  });
});

describe('HyperliquidExecution: per-order statuses of bulk answers', () => {
  it('maps a partly failed bulk (the SDK throws ApiRequestError) one status at a time', async () => {
    const { transport, execution, events } = setup({ streams: false });
    transport.exchange = () =>
      ok.order([{ resting: { oid: 77738308 } }, { error: BAD_ALO }, { filled: { totalSz: '0.001', avgPx: '64005.0', oid: 296683658818 } }]);
    execution.send([place(1), place(2), place(3, { timeInForce: 'ioc' })]);
    await execution.whenIdle();
    expect(events.map((event) => [event.type, 'clientOrderId' in event ? event.clientOrderId : ''])).toEqual([
      ['order-accepted', cloid(1)],
      ['order-rejected', cloid(2)],
      ['order-accepted', cloid(3)],
      ['order-filled', cloid(3)],
    ]);
    expect(events[0]).toMatchObject({ venueOrderId: '77738308', venueTimeUs: T0, localTimeUs: T0 });
    expect(events[1]).toMatchObject({ reason: BAD_ALO });
    expect(events[3]).toMatchObject({ priceTicks: 640_050, sizeLots: 100, remainingLots: 0, liquidity: 'taker', side: 'buy' });
  });

  it('rejects every order of an action the venue refused as a whole, with its text', async () => {
    const { transport, execution, events } = setup({ streams: false });
    const text = 'Too many cumulative requests sent (37986 > 10436) for cumulative volume traded $437.92.';
    transport.exchange = () => err(text);
    execution.send([place(1), place(2)]);
    await execution.whenIdle();
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.type === 'order-rejected' && event.reason === text)).toBe(true);
  });

  it('maps cancel statuses: success → order-canceled, unknown order → command-rejected with the venue text', async () => {
    const { transport, execution, events } = setup({ streams: false });
    transport.exchange = (action) =>
      action.type === 'order'
        ? ok.order([{ resting: { oid: 5 } }])
        : ok.cancel(['success', { error: 'Order was never placed, already canceled, or filled. asset=0' }]);
    execution.send([place(1)]);
    await execution.whenIdle();
    execution.send([
      { type: 'cancel-order', symbol: 'BTC', clientOrderId: cloid(1) },
      { type: 'cancel-order', symbol: 'BTC', clientOrderId: cloid(99) },
    ]);
    await execution.whenIdle();
    expect(events.slice(1)).toMatchObject([
      { type: 'order-canceled', clientOrderId: cloid(1), reason: 'requested' },
      {
        type: 'command-rejected',
        clientOrderId: cloid(99),
        command: 'cancel-order',
        reason: 'Order was never placed, already canceled, or filled. asset=0',
      },
    ]);
  });

  it('modifies in one batchModify by venue oid (keeping the cloid); a refused modify is a command-rejected', async () => {
    const { transport, execution, events } = setup({ streams: false });
    transport.exchange = (action) => {
      if (action.type === 'order') return ok.order([{ resting: { oid: 1 } }, { resting: { oid: 2 } }]);
      return ok.order([{ resting: { oid: 3 } }, { error: 'Cannot modify canceled or filled order' }]);
    };
    execution.send([place(1), place(2)]);
    await execution.whenIdle();
    execution.send([
      { type: 'modify-order', symbol: 'BTC', clientOrderId: cloid(1), priceTicks: 639_990, sizeLots: 200 },
      { type: 'modify-order', symbol: 'BTC', clientOrderId: cloid(2), priceTicks: 639_980, sizeLots: 200 },
    ]);
    await execution.whenIdle();
    const modify = transport.actions('batchModify')[0];
    expect(modify.modifies[0]).toEqual({
      oid: 1,
      order: { a: 0, b: true, p: '63999', s: '0.002', r: false, t: { limit: { tif: 'Alo' } }, c: cloid(1) },
    });
    expect(events.slice(2)).toMatchObject([
      { type: 'order-modified', clientOrderId: cloid(1), priceTicks: 639_990, sizeLots: 200 },
      { type: 'command-rejected', clientOrderId: cloid(2), command: 'modify-order', reason: 'Cannot modify canceled or filled order' },
    ]);
  });

  it('refuses off-grid prices locally instead of sending them', async () => {
    const { transport, execution, events } = setup({ streams: false });
    execution.send([place(1, { priceTicks: 640_001 })]); // 64000.1 has 6 significant figures
    await execution.whenIdle();
    expect(transport.actions()).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'order-rejected', clientOrderId: cloid(1) });
  });

  it('cancel-all cancels every live order of ours in one action', async () => {
    const { transport, execution } = setup({ streams: false });
    transport.exchange = (action) =>
      action.type === 'order'
        ? ok.order(action.orders.map((_: unknown, i: number) => ({ resting: { oid: i } })))
        : ok.cancel(action.cancels.map(() => 'success'));
    execution.send([place(1), place(2), place(3, { symbol: 'ETH', priceTicks: 345_600 })]);
    execution.send([{ type: 'cancel-all', symbol: 'BTC', reason: 'test' }]);
    execution.send([{ type: 'cancel-all', reason: 'test' }]);
    await execution.whenIdle();
    const cancels = transport.actions('cancelByCloid');
    expect(cancels[0].cancels.map((c: any) => c.cloid)).toEqual([cloid(1), cloid(2)]);
    expect(cancels[1].cancels).toEqual([{ asset: 1, cloid: cloid(3) }]);
  });
});

describe('HyperliquidExecution: unknown outcomes', () => {
  it('reports a transport failure and reconciles: the order found open is accepted, the other rejected', async () => {
    const { transport, execution, events, notifications } = setup({ streams: false });
    transport.exchange = () => {
      throw new TypeError('fetch failed');
    };
    transport.info = (payload) => {
      if (payload.type === 'openOrders')
        return [{ coin: 'BTC', side: 'B', limitPx: '64001.0', sz: '0.001', oid: 42, timestamp: 1, origSz: '0.001', cloid: cloid(1) }];
      if (payload.type === 'clearinghouseState') return { assetPositions: [{ type: 'oneWay', position: { coin: 'BTC', szi: '-0.0025' } }] };
      return [];
    };
    execution.send([place(1), place(2)]);
    await execution.whenIdle();
    await execution.whenIdle();
    expect(notifications[0]).toMatchObject({ type: 'api-error', action: 'order', message: 'fetch failed', outcomeUnknown: true });
    expect(transport.infoTypes()).toEqual(['userFills', 'openOrders', 'clearinghouseState', 'userRateLimit']);
    expect(events).toMatchObject([
      { type: 'order-accepted', clientOrderId: cloid(1), venueOrderId: '42' },
      { type: 'order-rejected', clientOrderId: cloid(2) },
    ]);
    const snapshot = await execution.reconcile();
    expect(snapshot.positions).toEqual({ BTC: -250, ETH: 0 });
    expect(snapshot.openOrders).toEqual([
      { clientOrderId: cloid(1), symbol: 'BTC', side: 'buy', priceTicks: 640_010, sizeLots: 100, venueOrderId: '42' },
    ]);
  });
});

describe('HyperliquidExecution: reconcile errors', () => {
  it('refuses a reconcile the budget cannot pay for, and wraps venue failures in typed errors', async () => {
    const tight = setup({ streams: false, config: { weightLimitPerMinute: 30 } });
    await expect(tight.execution.reconcile()).rejects.toMatchObject({ name: 'RequestBudgetError', code: 'HL_REQUEST_BUDGET' });
    const broken = setup({ streams: false });
    broken.transport.info = () => {
      throw new Error('503 Service Unavailable');
    };
    await expect(broken.execution.reconcile()).rejects.toMatchObject({ name: 'HyperliquidVenueError', code: 'VENUE', isRetryable: true });
  });
});

describe('HyperliquidExecution: agent wallets', () => {
  it('refuses to start when the key is not the approved agent of the configured account', async () => {
    const plain = setup({ streams: false });
    const wrong = setup({ streams: false, config: { masterAddress: MASTER } });
    wrong.transport.info = (payload) => (payload.type === 'userRole' ? { role: 'user' } : []);
    await expect(wrong.execution.start()).rejects.toMatchObject({
      name: 'ConfigError',
      issues: [{ field: 'masterAddress', problem: expect.stringContaining("is a 'user' address to the venue, not an agent") }],
    });
    const otherMaster = setup({ streams: false, config: { masterAddress: MASTER } });
    otherMaster.transport.info = (payload) =>
      payload.type === 'userRole' ? { role: 'agent', data: { user: '0x00000000000000000000000000000000000000bb' } } : [];
    await expect(otherMaster.execution.start()).rejects.toThrow(/is the agent of 0x0{38}bb/);
    // Nothing was sent or subscribed for the wrong account.
    expect(wrong.transport.actions()).toEqual([]);
    // Its own account's key needs no agent check.
    await plain.execution.start();
    expect(plain.transport.infoTypes()).not.toContain('userRole');
    await plain.execution.stop();
  });

  it('queries by the master address while signing with the agent key', async () => {
    const { transport, execution } = setup({ streams: false, config: { masterAddress: MASTER } });
    await execution.reconcile();
    expect(transport.requests.every((request) => request.payload.user === MASTER)).toBe(true);
    expect(execution.signerAddress).not.toBe(MASTER);
  });
});
