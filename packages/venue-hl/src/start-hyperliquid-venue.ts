import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Instrument, type Clock } from '@mm/core';
import { SystemClock } from '@mm/core/edge';
import { WebSocketServer } from 'ws';
import type { ExchangeContext } from './exchange-actions.js';
import { createHttpHandler, MAX_BODY_BYTES } from './http-handler.js';
import type { MarketMeta } from './info-queries.js';
import path from 'node:path';
import { loadBinanceMarketCapture } from './binance-market-capture.js';
import { loadMarketCapture } from './market-capture.js';
import { NonceRegistry } from './nonce-registry.js';
import { SignerDirectory } from './signer-directory.js';
import { HyperliquidVenueCore } from './venue-core.js';
import {
  faultCommandSchema,
  FillStreamFaults,
  HttpFaults,
  malformedFrames,
  type FaultCommand,
  type FaultCommandInput,
} from './venue-faults.js';
import { parseVenueOptions, type VenueOptionsInput } from './venue-options.js';
import { WsSession } from './ws-session.js';

export interface StartVenueOptions extends VenueOptionsInput {
  /** Venue time (µs). The OS clock by default; tests pass a `ManualClock` and call `catchUp()`. */
  clock?: Clock;
  /** The venue's log lines (a gap in the replayed capture); `console.log` by default. */
  log?: (line: string) => void;
}

export interface RunningHyperliquidVenue {
  /** `http://127.0.0.1:PORT`: the SDK's `HttpTransport({ apiUrl })`. */
  url: string;
  /** `ws://127.0.0.1:PORT/ws`: the SDK's `WebSocketTransport({ url })`. */
  wsUrl: string;
  port: number;
  isTestnet: boolean;
  /** The venue's state (orders, accounts, replay, matching engine), for tests and tools. */
  core: HyperliquidVenueCore;
  /** Replays up to the clock now (the timer does this every `replayIntervalMs`). */
  catchUp(): void;
  /** Applies a fault, as `POST /control` does (validated the same way: defaults filled, bounds checked). */
  applyFault(command: FaultCommandInput): void;
  /**
   * A venue restart as clients see it: every connection dropped and the port closed for `downMs`
   * (connections refused), then listening again on the same port. The venue's state (orders,
   * fills, positions, the replay) is kept, as the real venue keeps it across an outage.
   */
  restart(downMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a local Hyperliquid venue on loopback: HTTP `/info` and `/exchange`, WebSocket `/ws`, the
 * recorded capture replayed in a loop as the market, the project's matching engine filling orders.
 */
export async function startHyperliquidVenue(input: StartVenueOptions): Promise<RunningHyperliquidVenue> {
  const { clock = new SystemClock(), log, ...rest } = input;
  const options = parseVenueOptions(rest);
  const instrument = Instrument.hyperliquidPerp(options.coin, options.szDecimals);
  const format =
    options.dataFormat !== 'auto'
      ? options.dataFormat
      : path.resolve(options.dataPath).split(path.sep).includes('binance-usdm')
        ? 'binance-usdm'
        : 'hyperliquid';
  const capture =
    format === 'binance-usdm'
      ? await loadBinanceMarketCapture(options.dataPath, instrument)
      : await loadMarketCapture(options.dataPath, instrument);
  const core = new HyperliquidVenueCore({ options, instrument, capture, clock, log });
  const directory = new SignerDirectory(options.accounts);
  const nonces = new NonceRegistry({
    setSize: options.nonceSetSize,
    windowPastMs: options.nonceWindowPastMs,
    windowFutureMs: options.nonceWindowFutureMs,
  });
  const exchange: ExchangeContext = { core, directory, nonces, isTestnet: options.isTestnet };
  const meta: MarketMeta = { szDecimals: options.szDecimals, maxLeverage: options.maxLeverage };
  const faults = new HttpFaults();
  const fillStream = new FillStreamFaults();
  core.feed.fillStream = fillStream;

  // A client that trickles headers or a body cannot hold a socket open for Node's default 5 minutes.
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 });
  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: MAX_BODY_BYTES });
  wss.on('connection', (socket) => new WsSession(socket, { exchange, meta }));

  const applyFault = (command: FaultCommand): void => {
    switch (command.fault) {
      case 'dropConnections':
        for (const client of wss.clients) client.terminate();
        return;
      case 'httpError':
        faults.errorStatus = command.status;
        faults.errorsLeft = command.count;
        return;
      case 'delayAcks':
        faults.ackDelayMs = command.ms;
        return;
      case 'loseAcks':
        faults.acksToLose = command.count;
        return;
      case 'rejectOrders':
        core.forcedOrderRejection = command.reason ?? undefined;
        core.forcedRejectionEvery = command.every;
        return;
      case 'duplicateFills':
        fillStream.duplicatesLeft = command.count;
        return;
      case 'reorderFills':
        fillStream.reordersLeft = command.count;
        return;
      case 'malformedMessages':
        for (const client of wss.clients) {
          for (let round = 0; round < command.count; round += 1)
            for (const account of options.accounts) for (const frame of malformedFrames(account.address)) client.send(frame);
        }
        return;
      case 'pauseFeed':
        core.catchUp();
        core.replay.pause(clock.now());
        return;
      case 'resumeFeed':
        core.replay.resume(clock.now());
        core.catchUp();
        return;
      case 'expireDeadMansSwitch':
        core.catchUp();
        core.expireScheduledCancels(command.user);
        return;
      case 'reset':
        faults.reset();
        fillStream.reset();
        core.forcedOrderRejection = undefined;
        core.forcedRejectionEvery = 1;
        core.replay.resume(clock.now());
        return;
    }
  };
  server.on('request', createHttpHandler({ exchange, meta, faults, control: options.enableControl ? applyFault : undefined }));

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port);
  const port = (server.address() as AddressInfo).port;
  const closeListener = async () => {
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const timer = options.replayIntervalMs > 0 ? setInterval(() => core.catchUp(), options.replayIntervalMs) : undefined;
  timer?.unref();

  return {
    url: `http://${options.host}:${port}`,
    wsUrl: `ws://${options.host}:${port}/ws`,
    port,
    isTestnet: options.isTestnet,
    core,
    catchUp: () => core.catchUp(),
    applyFault: (command) => applyFault(faultCommandSchema.parse(command)),
    restart: async (downMs) => {
      await closeListener();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await listen(port);
    },
    close: async () => {
      if (timer !== undefined) clearInterval(timer);
      fillStream.reset();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (server.listening) await closeListener();
    },
  };
}
