import { ManualClock, MICROS_PER_MILLI, MICROS_PER_SECOND } from '@mm/core';
import { ExchangeClient, HttpTransport, InfoClient, SubscriptionClient, WebSocketTransport } from '@nktkas/hyperliquid';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { HYPERLIQUID_CAPTURE, sharedFile } from './shared-files.js';
import { startHyperliquidVenue, type RunningHyperliquidVenue, type StartVenueOptions } from '../src/index.js';

export const CAPTURE = sharedFile(HYPERLIQUID_CAPTURE);
export const MASTER_KEY: Hex = '0x0123456789012345678901234567890123456789012345678901234567890123';
export const AGENT_KEY: Hex = '0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff';
export const STRANGER_KEY: Hex = '0x1111111111111111111111111111111111111111111111111111111111111111';
export const master = privateKeyToAccount(MASTER_KEY);
export const agent = privateKeyToAccount(AGENT_KEY);
export const stranger = privateKeyToAccount(STRANGER_KEY);
export const MASTER = master.address.toLowerCase() as Hex;

export interface Harness {
  venue: RunningHyperliquidVenue;
  clock: ManualClock;
  info: InfoClient;
  exchange: ExchangeClient;
  http: HttpTransport;
  /** Moves venue time forward and replays what became due. */
  advanceSeconds(seconds: number): void;
  subscriptions(): { client: SubscriptionClient; transport: WebSocketTransport };
  close(): Promise<void>;
}

/**
 * A venue on a random loopback port with a manual clock (starting at the wall clock so the SDK's
 * `Date.now()` nonces fall inside the window) and SDK clients pointed at it.
 */
export async function startHarness(overrides: Partial<StartVenueOptions> = {}): Promise<Harness> {
  const clock = new ManualClock(Date.now() * MICROS_PER_MILLI);
  const isTestnet = overrides.isTestnet ?? true;
  const venue = await startHyperliquidVenue({
    dataPath: CAPTURE,
    isTestnet,
    replayIntervalMs: 0,
    accounts: [{ address: master.address, agents: [agent.address] }],
    clock,
    ...overrides,
  });
  const http = new HttpTransport({ apiUrl: venue.url, isTestnet });
  const transports: WebSocketTransport[] = [];
  return {
    venue,
    clock,
    http,
    info: new InfoClient({ transport: http }),
    exchange: new ExchangeClient({ transport: http, wallet: master }),
    advanceSeconds(seconds) {
      clock.advance(Math.round(seconds * MICROS_PER_SECOND));
      venue.catchUp();
    },
    subscriptions() {
      const transport = new WebSocketTransport({ url: venue.wsUrl, isTestnet });
      transports.push(transport);
      return { client: new SubscriptionClient({ transport }), transport };
    },
    async close() {
      for (const transport of transports) {
        try {
          await transport.close();
        } catch {
          // already closed
        }
      }
      await venue.close();
    },
  };
}
