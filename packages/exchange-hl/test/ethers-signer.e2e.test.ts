import path from 'node:path';
import { InvalidInputError, ManualClock, MICROS_PER_MILLI, MICROS_PER_SECOND, type ExecutionEvent } from '@mm/core';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import { Wallet } from 'ethers';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HyperliquidExecution } from '../src/hyperliquid-execution.js';
import { ManualScheduler } from '../src/interval-scheduler.js';

const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
const MASTER_KEY = '0x0123456789012345678901234567890123456789012345678901234567890123' as const;
const AGENT_KEY = '0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff' as const;
const master = privateKeyToAccount(MASTER_KEY).address.toLowerCase() as `0x${string}`;
const markets = [{ coin: 'BTC', assetId: 0, szDecimals: 5 }];

/** An ethers v6 `Wallet` signs instead of a private key: the venue checks the signatures as for any client. */
describe('HyperliquidExecution with an ethers v6 signer', () => {
  let venue: RunningHyperliquidVenue;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(Date.now() * MICROS_PER_MILLI);
    venue = await startHyperliquidVenue({
      dataPath: CAPTURE,
      isTestnet: true,
      replayIntervalMs: 0,
      accounts: [{ address: master, agents: [privateKeyToAccount(AGENT_KEY).address] }],
      clock,
    });
    clock.advance(2 * MICROS_PER_SECOND);
    venue.catchUp();
  });
  afterAll(async () => {
    await venue?.close();
  });

  const config = () => ({ apiUrl: venue.url, wsUrl: venue.wsUrl, isTestnet: true, masterAddress: master, markets });

  it('an agent ethers Wallet places and cancels a post-only order for its master', async () => {
    const execution = new HyperliquidExecution({
      signer: new Wallet(AGENT_KEY),
      clock,
      scheduler: new ManualScheduler(),
      config: config(),
      subscriptionTransport: null,
    });
    expect(execution.signerAddress).toBe(privateKeyToAccount(AGENT_KEY).address.toLowerCase());
    const events: ExecutionEvent[] = [];
    execution.onEvent((event) => events.push(event));
    const btc = execution.markets.instrument('BTC');
    const order = { symbol: 'BTC', clientOrderId: `0x${'e7'.repeat(16)}` };
    execution.send([
      {
        type: 'place-order',
        ...order,
        side: 'buy',
        priceTicks: btc.parsePriceTicks('104000'),
        sizeLots: 100,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
    ]);
    await execution.whenIdle();
    expect(events).toContainEqual(expect.objectContaining({ type: 'order-accepted', clientOrderId: order.clientOrderId }));
    expect(venue.core.orders.openOrders(master)).toHaveLength(1);
    execution.send([{ type: 'cancel-order', ...order }]);
    await execution.whenIdle();
    expect(events).toContainEqual(expect.objectContaining({ type: 'order-canceled', clientOrderId: order.clientOrderId }));
    expect(venue.core.orders.openOrders(master)).toHaveLength(0);
  });

  it('a wallet the venue does not know is refused like any unknown signer', async () => {
    const execution = new HyperliquidExecution({
      signer: Wallet.createRandom(),
      clock,
      scheduler: new ManualScheduler(),
      config: config(),
      subscriptionTransport: null,
    });
    const events: ExecutionEvent[] = [];
    execution.onEvent((event) => events.push(event));
    execution.send([
      {
        type: 'place-order',
        symbol: 'BTC',
        clientOrderId: `0x${'e8'.repeat(16)}`,
        side: 'buy',
        priceTicks: 1_040_000,
        sizeLots: 100,
        timeInForce: 'post-only',
        reduceOnly: false,
      },
    ]);
    await execution.whenIdle();
    expect(JSON.stringify(events)).toMatch(/User or API Wallet 0x[0-9a-f]{40} does not exist/);
  });

  it('needs exactly one of privateKey and signer, and refuses what is not an ethers v6 signer', () => {
    const base = { clock, scheduler: new ManualScheduler(), config: config(), subscriptionTransport: null };
    expect(() => new HyperliquidExecution({ ...base })).toThrow(InvalidInputError);
    expect(() => new HyperliquidExecution({ ...base, privateKey: AGENT_KEY, signer: new Wallet(AGENT_KEY) })).toThrow(
      'exactly one of privateKey and signer',
    );
    // A viem account signs with one argument: not an ethers signer.
    const viem = privateKeyToAccount(AGENT_KEY) as unknown as Wallet;
    expect(() => new HyperliquidExecution({ ...base, signer: viem })).toThrow(/ethers v6 Signer/);
  });
});
