import { describe, expect, it } from 'vitest';
import { chunk, planCommands } from './command-plan.js';
import { MarketDirectory } from './market-directory.js';
import { OrderRegistry } from '@mm/engine';
import { VenueOrderIds } from './venue-order-ids.js';

describe('planCommands', () => {
  it('chunks by 40 and registers places as pending at once', () => {
    expect(chunk(Array.from({ length: 81 }, (_, i) => i)).map((part) => part.length)).toEqual([40, 40, 1]);
    const registry = new OrderRegistry();
    const ids = new VenueOrderIds();
    const markets = new MarketDirectory([{ coin: 'BTC', assetId: 0, szDecimals: 5 }]);
    const plan = planCommands(
      [
        {
          type: 'place-order',
          symbol: 'BTC',
          clientOrderId: '0x00000000000000000000000000000001',
          side: 'buy',
          priceTicks: 640_000,
          sizeLots: 1,
          timeInForce: 'post-only',
          reduceOnly: false,
        },
        {
          type: 'place-order',
          symbol: 'DOGE',
          clientOrderId: '0x00000000000000000000000000000002',
          side: 'buy',
          priceTicks: 1,
          sizeLots: 1,
          timeInForce: 'post-only',
          reduceOnly: false,
        },
        { type: 'modify-order', symbol: 'BTC', clientOrderId: '0x00000000000000000000000000000001', priceTicks: 640_010, sizeLots: 1 },
      ],
      registry,
      ids,
      markets,
    );
    expect(plan.places.flat()).toHaveLength(1);
    expect(registry.liveOrders().map((order) => order.status)).toEqual(['pending-new']);
    expect(plan.localRejects.map((reject) => reject.reason)).toEqual([
      "Hyperliquid market 'DOGE' is not configured",
      'order not yet acknowledged by the venue: no order id to modify',
    ]);
  });
});
