import type { Clock, Instrument, MarketDataEvent, MarketDataVenue, Micros, Unsubscribe } from '@mm/core';
import { MICROS_PER_MILLI } from '@mm/core';
import { SubscriptionClient, type ISubscription, type ISubscriptionTransport } from '@nktkas/hyperliquid';
import { bookSnapshotFromWire, tradeFromWire } from './book-mapping.js';
import { createWebSocketTransport } from './create-transports.js';
import { errorText, HYPERLIQUID_VENUE } from './hyperliquid-errors.js';
import type { HyperliquidNotification, NotificationHandler } from './hyperliquid-notification.js';
import { systemScheduler, type IntervalScheduler } from './interval-scheduler.js';
import { ListenerSet } from './listener-set.js';
import { parseMarketDataConfig, type MarketDataConfig, type MarketDataConfigInput } from './market-data-config.js';
import { MarketDirectory } from './market-directory.js';
import { describeIssues, redactRaw } from './redact-raw.js';
import { parseL2Book, tradesSchema } from './venue-schemas.js';
import type { z } from 'zod';

export interface HyperliquidMarketDataOptions {
  config: MarketDataConfigInput;
  clock: Clock;
  /** Defaults to a WebSocketTransport on `wsUrl`; tests pass a fake. */
  subscriptionTransport?: ISubscriptionTransport;
  scheduler?: IntervalScheduler;
}

interface SymbolStream {
  lastBookUs: Micros;
  staleReported: boolean;
  subscriptions: Promise<ISubscription | undefined>[];
}

/**
 * Book and trades per coin from the WebSocket: each `l2Book` frame (full snapshot, 20 levels) is one
 * book-snapshot event, each trade one trade event, both in ticks and lots. A stream silent for
 * `staleAfterMs` is reported once as 'stale' (the caller should stop quoting) until it speaks again.
 */
export class HyperliquidMarketData implements MarketDataVenue {
  readonly venue = HYPERLIQUID_VENUE;
  readonly config: MarketDataConfig;
  readonly markets: MarketDirectory;
  private readonly clock: Clock;
  private readonly client: SubscriptionClient;
  private readonly scheduler: IntervalScheduler;
  private readonly notifications = new ListenerSet<HyperliquidNotification>((error) => {
    console.error(`@mm/exchange-hl: a market-data notification handler threw: ${errorText(error)}`);
  });
  /** Counters for status reports and tests. */
  readonly stats = { malformedMessages: 0, listenerErrors: 0 };
  private readonly streams = new Map<string, SymbolStream>();
  private staleTimer: unknown;
  private closeOwnedTransport: () => unknown = () => undefined;

  constructor(options: HyperliquidMarketDataOptions) {
    this.config = parseMarketDataConfig(options.config);
    this.clock = options.clock;
    this.markets = new MarketDirectory(this.config.markets);
    this.scheduler = options.scheduler ?? systemScheduler;
    let transport = options.subscriptionTransport;
    if (transport === undefined) {
      const owned = createWebSocketTransport({
        wsUrl: this.config.wsUrl,
        isTestnet: this.config.isTestnet,
        timeoutMs: this.config.requestTimeoutMs,
      });
      this.closeOwnedTransport = () => owned.close();
      transport = owned;
    }
    this.client = new SubscriptionClient({ transport });
  }

  instrument(symbol: string): Instrument {
    return this.markets.instrument(symbol);
  }

  onNotification(handler: NotificationHandler): Unsubscribe {
    return this.notifications.add(handler);
  }

  subscribe(symbol: string, onEvent: (event: MarketDataEvent) => void): Unsubscribe {
    const instrument = this.markets.instrument(symbol);
    const stream: SymbolStream = { lastBookUs: this.clock.now(), staleReported: false, subscriptions: [] };
    this.streams.set(symbol, stream);
    const deliver = (event: MarketDataEvent): void => {
      try {
        onEvent(event);
      } catch (error) {
        // A throwing consumer must not kill the stream, and must not go unheard either.
        this.stats.listenerErrors += 1;
        this.notifications.emit({
          type: 'listener-error',
          channel: `${event.type} ${symbol}`,
          message: errorText(error),
          timeUs: this.clock.now(),
        });
      }
    };
    const malformed = (channel: string, data: unknown, error: z.ZodError): void => {
      this.stats.malformedMessages += 1;
      const problem = describeIssues(error);
      this.notifications.emit({
        type: 'malformed-message',
        channel: `${channel} ${symbol}`,
        raw: redactRaw(data),
        problem,
        timeUs: this.clock.now(),
      });
    };
    const onFailure =
      (channel: string) =>
      (error: unknown): undefined => {
        this.notifications.emit({
          type: 'api-error',
          action: `subscribe ${channel} ${symbol}`,
          message: errorText(error),
          outcomeUnknown: false,
          timeUs: this.clock.now(),
        });
        return undefined;
      };
    const onError = (channel: string) => ({ onError: onFailure(channel) });
    stream.subscriptions.push(
      this.client
        .l2Book(
          { coin: symbol },
          (data) => {
            const book = parseL2Book(data);
            if (!book.success) return malformed('l2Book', data, book.error);
            const now = this.clock.now();
            stream.lastBookUs = now;
            stream.staleReported = false;
            deliver(bookSnapshotFromWire(instrument, book.data, now));
          },
          onError('l2Book'),
        )
        .catch(onFailure('l2Book')),
      this.client
        .trades(
          { coin: symbol },
          (data) => {
            const trades = tradesSchema.safeParse(data);
            if (!trades.success) return malformed('trades', data, trades.error);
            const now = this.clock.now();
            for (const trade of trades.data) deliver(tradeFromWire(instrument, trade, now));
          },
          onError('trades'),
        )
        .catch(onFailure('trades')),
    );
    this.startStaleTimer();
    return () => {
      this.streams.delete(symbol);
      for (const pending of stream.subscriptions) {
        void pending.then((subscription) => subscription?.unsubscribe()).catch(() => undefined);
      }
      if (this.streams.size === 0) this.stopStaleTimer();
    };
  }

  /** Reports every stream silent beyond `staleAfterMs` (the timer calls it; tests may too). */
  checkStale(): void {
    const now = this.clock.now();
    const limitUs = this.config.staleAfterMs * MICROS_PER_MILLI;
    for (const [symbol, stream] of this.streams) {
      const silentForUs = now - stream.lastBookUs;
      if (silentForUs <= limitUs || stream.staleReported) continue;
      stream.staleReported = true;
      this.notifications.emit({ type: 'stale', symbol, silentForUs, timeUs: now });
    }
  }

  /** True while the symbol's book stream is within `staleAfterMs`. */
  isFresh(symbol: string): boolean {
    const stream = this.streams.get(symbol);
    return stream !== undefined && this.clock.now() - stream.lastBookUs <= this.config.staleAfterMs * MICROS_PER_MILLI;
  }

  /** Stops the stale checks and closes the WebSocket the adapter opened itself. */
  async close(): Promise<void> {
    this.stopStaleTimer();
    this.streams.clear();
    try {
      await this.closeOwnedTransport();
    } catch {
      // already closed
    }
  }

  private startStaleTimer(): void {
    if (this.staleTimer !== undefined) return;
    this.staleTimer = this.scheduler.setInterval(() => this.checkStale(), this.config.staleCheckEveryMs);
  }

  private stopStaleTimer(): void {
    if (this.staleTimer === undefined) return;
    this.scheduler.clearInterval(this.staleTimer);
    this.staleTimer = undefined;
  }
}
