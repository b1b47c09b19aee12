import { ManualClock, type ExecutionEvent, type PlaceOrderCommand } from '@mm/core';
import { HyperliquidExecution } from '../src/hyperliquid-execution.js';
import type { HyperliquidNotification } from '../src/hyperliquid-notification.js';
import { ManualScheduler } from '../src/interval-scheduler.js';
import { defaultInfo, FakeRequestTransport, FakeSubscriptionTransport } from './fake-transport.js';

export const PRIVATE_KEY = `0x${'11'.repeat(32)}` as const;
export const MASTER = '0x00000000000000000000000000000000000000aa';
export const T0 = 1_786_539_646_983_000; // µs

export function cloid(n: number): string {
  return `0x${n.toString(16).padStart(32, '0')}`;
}

export function place(n: number, extra: Partial<PlaceOrderCommand> = {}): PlaceOrderCommand {
  return {
    type: 'place-order',
    symbol: 'BTC',
    clientOrderId: cloid(n),
    side: 'buy',
    priceTicks: 640_000 + n * 10,
    sizeLots: 100,
    timeInForce: 'post-only',
    reduceOnly: false,
    ...extra,
  };
}

export function setup(options: { config?: Record<string, unknown>; streams?: boolean } = {}) {
  const clock = new ManualClock(T0);
  const transport = new FakeRequestTransport();
  const master = options.config?.masterAddress as string | undefined;
  // The key is the approved agent of the configured master account (userRole, hyperliquid.md).
  if (master !== undefined)
    transport.info = (payload) => (payload.type === 'userRole' ? { role: 'agent', data: { user: master } } : defaultInfo(payload));
  const streams = new FakeSubscriptionTransport();
  const scheduler = new ManualScheduler();
  const execution = new HyperliquidExecution({
    privateKey: PRIVATE_KEY,
    clock,
    requestTransport: transport,
    subscriptionTransport: options.streams === false ? null : streams,
    scheduler,
    config: {
      markets: [
        { coin: 'BTC', assetId: 0, szDecimals: 5 },
        { coin: 'ETH', assetId: 1, szDecimals: 4 },
      ],
      ...options.config,
    },
  });
  const events: ExecutionEvent[] = [];
  const notifications: HyperliquidNotification[] = [];
  execution.onEvent((event) => events.push(event));
  execution.onNotification((notification) => notifications.push(notification));
  return { clock, transport, streams, scheduler, execution, events, notifications };
}
