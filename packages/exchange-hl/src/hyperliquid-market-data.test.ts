import { ManualClock, MICROS_PER_SECOND, type MarketDataEvent } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { FakeSubscriptionTransport } from '../test/fake-transport.js';
import type { HyperliquidNotification } from './hyperliquid-notification.js';
import { HyperliquidMarketData } from './hyperliquid-market-data.js';
import { ManualScheduler } from './interval-scheduler.js';

const T0 = 1_786_539_646_983_000;

function setup() {
  const clock = new ManualClock(T0);
  const streams = new FakeSubscriptionTransport();
  const scheduler = new ManualScheduler();
  const marketData = new HyperliquidMarketData({
    clock,
    scheduler,
    subscriptionTransport: streams,
    config: { markets: [{ coin: 'BTC', assetId: 0, szDecimals: 5 }] },
  });
  const events: MarketDataEvent[] = [];
  const notifications: HyperliquidNotification[] = [];
  marketData.onNotification((notification) => notifications.push(notification));
  return { clock, streams, scheduler, marketData, events, notifications };
}

describe('HyperliquidMarketData', () => {
  it('subscribes l2Book and trades and maps real frames to ticks and lots', async () => {
    const { streams, marketData, events } = setup();
    const unsubscribe = marketData.subscribe('BTC', (event) => events.push(event));
    await Promise.resolve();
    expect(streams.subscriptions.map((s) => s.payload)).toEqual([
      { type: 'l2Book', coin: 'BTC', nSigFigs: null, mantissa: null },
      { type: 'trades', coin: 'BTC' },
    ]);
    streams.push('l2Book', {
      coin: 'BTC',
      time: 1786539646983,
      levels: [
        [
          { px: '64093.0', sz: '0.09932', n: 1 },
          { px: '64092.0', sz: '1.5', n: 3 },
        ],
        [{ px: '64094.0', sz: '20.92904', n: 84 }],
      ],
    });
    streams.push('trades', [
      {
        coin: 'BTC',
        side: 'B',
        px: '64097.0',
        sz: '0.00033',
        time: 1786539552700,
        hash: '0x00',
        tid: 604438142537043,
        users: ['0x1', '0x2'],
      },
    ]);
    expect(events).toEqual([
      {
        type: 'book-snapshot',
        symbol: 'BTC',
        bids: [
          { priceTicks: 640_930, sizeLots: 9_932 },
          { priceTicks: 640_920, sizeLots: 150_000 },
        ],
        asks: [{ priceTicks: 640_940, sizeLots: 2_092_904 }],
        venueTimeUs: 1786539646983_000,
        localTimeUs: T0,
      },
      {
        type: 'trade',
        symbol: 'BTC',
        aggressorSide: 'buy',
        priceTicks: 640_970,
        sizeLots: 33,
        venueTimeUs: 1786539552700_000,
        localTimeUs: T0,
      },
    ]);
    unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(streams.subscriptions).toHaveLength(0);
  });

  it('reports a stale book stream once, and again only after it recovered', async () => {
    const { clock, streams, scheduler, marketData, notifications } = setup();
    marketData.subscribe('BTC', () => {});
    await Promise.resolve();
    const book = (time: number) => ({ coin: 'BTC', time, levels: [[], []] });
    clock.advance(4 * MICROS_PER_SECOND);
    scheduler.fire();
    expect(notifications).toEqual([]);
    clock.advance(2 * MICROS_PER_SECOND);
    scheduler.fire();
    scheduler.fire();
    expect(notifications).toEqual([
      { type: 'stale', symbol: 'BTC', silentForUs: 6 * MICROS_PER_SECOND, timeUs: T0 + 6 * MICROS_PER_SECOND },
    ]);
    expect(marketData.isFresh('BTC')).toBe(false);
    streams.push('l2Book', book(1));
    expect(marketData.isFresh('BTC')).toBe(true);
    clock.advance(6 * MICROS_PER_SECOND);
    scheduler.fire();
    expect(notifications).toHaveLength(2);
  });
});
