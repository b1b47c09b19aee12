import { ExchangeClient } from '@nktkas/hyperliquid';
import { Wallet } from 'ethers';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER, MASTER_KEY, startHarness, type Harness } from './sdk-harness.js';

/** The SDK signing with an ethers v6 Wallet: the venue recovers the same signer as for the key. */
describe('an ethers v6 Wallet as the SDK wallet', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('signs L1 actions (an ALO) and user-signed ones (approveAgent) the venue accepts', async () => {
    const exchange = new ExchangeClient({ transport: h.http, wallet: new Wallet(MASTER_KEY) });
    const placed = await exchange.order({
      orders: [{ a: 0, b: true, p: '104000', s: '0.001', r: false, t: { limit: { tif: 'Alo' } } }],
      grouping: 'na',
    });
    expect(placed.response.data.statuses[0]).toEqual({ resting: { oid: expect.any(Number) } });
    expect((await h.info.openOrders({ user: MASTER })).map((order) => order.limitPx)).toEqual(['104000.0']);
    const agent = privateKeyToAccount(generatePrivateKey());
    await expect(exchange.approveAgent({ agentAddress: agent.address, agentName: 'ethers' })).resolves.toEqual({
      status: 'ok',
      response: { type: 'default' },
    });
    const byAgent = new ExchangeClient({ transport: h.http, wallet: agent });
    await expect(byAgent.noop({ nonce: Date.now() + 5 })).resolves.toEqual({ status: 'ok', response: { type: 'default' } });
  });
});
