import { InfoClient, HttpTransport, SubscriptionClient, WebSocketTransport } from '@nktkas/hyperliquid';
import { describe, expect, it, vi } from 'vitest';
import { startHyperliquidVenue } from '../src/index.js';
import { CAPTURE, master } from './sdk-harness.js';

describe('the venue on the system clock', () => {
  it('its own timer drives the replay: l2Book frames keep coming without anyone calling catchUp', async () => {
    const venue = await startHyperliquidVenue({ dataPath: CAPTURE, accounts: [{ address: master.address }], replayIntervalMs: 20 });
    const transport = new WebSocketTransport({ url: venue.wsUrl });
    try {
      const times = new Set<number>();
      await new SubscriptionClient({ transport }).l2Book({ coin: 'BTC' }, (book) => times.add(book.time));
      await vi.waitFor(() => expect(times.size).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 50 });
      const book = await new InfoClient({ transport: new HttpTransport({ apiUrl: venue.url }) }).l2Book({ coin: 'BTC' });
      expect(book!.levels[0]).toHaveLength(20);
    } finally {
      await transport.close();
      await venue.close();
    }
  });
});
