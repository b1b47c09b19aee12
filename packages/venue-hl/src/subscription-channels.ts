import { z } from 'zod';
import { clearinghouseState, perpAssetContext, webData2, type MarketMeta } from './account-views.js';
import { CANDLE_INTERVALS } from './candle-series.js';
import { feedKey } from './venue-feed.js';
import type { HyperliquidVenueCore } from './venue-core.js';

/** A subscription the venue serves: the feed key, the channel its frames carry, an optional first frame. */
export interface ResolvedSubscription {
  /** Identity on a connection (`l2Book:BTC`): a second subscribe to it is "Already subscribed". */
  key: string;
  /** The venue feed it listens to. */
  feedKey: string;
  channel: string;
  /** Data of a first frame sent right after the confirmation (book, recent trades, fills snapshot). */
  initial: (() => unknown) | undefined;
  /** Rewrites each published frame for this subscription (an aggregated book); identity when absent. */
  format?: (data: unknown) => unknown;
}

const user = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((text) => text.toLowerCase());

const subscriptionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('l2Book'),
    coin: z.string(),
    nSigFigs: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullish(),
    mantissa: z.union([z.literal(1), z.literal(2), z.literal(5)]).nullish(),
  }),
  z.object({ type: z.literal('trades'), coin: z.string() }),
  z.object({ type: z.literal('bbo'), coin: z.string() }),
  z.object({ type: z.literal('allMids') }),
  z.object({ type: z.literal('userFills'), user }),
  z.object({ type: z.literal('orderUpdates'), user }),
  z.object({ type: z.literal('userEvents'), user }),
  z.object({ type: z.literal('activeAssetCtx'), coin: z.string() }),
  z.object({ type: z.literal('clearinghouseState'), user, dex: z.string().optional() }),
  z.object({ type: z.literal('webData2'), user }),
  z.object({ type: z.literal('notification'), user }),
  z.object({ type: z.literal('candle'), coin: z.string(), interval: z.enum(CANDLE_INTERVALS) }),
]);

/** Maps a client's subscription object to what the venue publishes; undefined when it is not served. */
export function resolveSubscription(core: HyperliquidVenueCore, meta: MarketMeta, subscription: unknown): ResolvedSubscription | undefined {
  const parsed = subscriptionSchema.safeParse(subscription);
  if (!parsed.success) return undefined;
  const sub = parsed.data;
  switch (sub.type) {
    case 'l2Book': {
      const aggregated = sub.nSigFigs !== undefined && sub.nSigFigs !== null;
      const book = () => core.currentBook(sub.nSigFigs, sub.mantissa);
      return {
        // Books at different precisions are different subscriptions on the venue.
        key: `${feedKey.l2Book(sub.coin)}:${sub.nSigFigs ?? ''}:${sub.mantissa ?? ''}`,
        feedKey: feedKey.l2Book(sub.coin),
        channel: 'l2Book',
        initial: sub.coin === core.instrument.symbol ? book : undefined,
        ...(aggregated ? { format: () => book() } : {}),
      };
    }
    case 'trades':
      return {
        key: feedKey.trades(sub.coin),
        feedKey: feedKey.trades(sub.coin),
        channel: 'trades',
        initial: sub.coin === core.instrument.symbol ? () => core.latestTrades() : undefined,
      };
    case 'bbo':
      return { key: feedKey.bbo(sub.coin), feedKey: feedKey.bbo(sub.coin), channel: 'bbo', initial: undefined };
    case 'allMids':
      return { key: feedKey.allMids(), feedKey: feedKey.allMids(), channel: 'allMids', initial: undefined };
    case 'userFills':
      return {
        key: feedKey.userFills(sub.user),
        feedKey: feedKey.userFills(sub.user),
        channel: 'userFills',
        initial: () => ({ isSnapshot: true, user: sub.user, fills: [...core.accounts.get(sub.user).fills].reverse() }),
      };
    case 'orderUpdates':
      return { key: feedKey.orderUpdates(sub.user), feedKey: feedKey.orderUpdates(sub.user), channel: 'orderUpdates', initial: undefined };
    case 'userEvents':
      return { key: feedKey.userEvents(sub.user), feedKey: feedKey.userEvents(sub.user), channel: 'user', initial: undefined };
    // Views recomputed every block, as the venue pushes them.
    case 'activeAssetCtx': {
      if (sub.coin !== core.instrument.symbol) return undefined;
      const frame = () => ({ coin: sub.coin, ctx: perpAssetContext(core) });
      return { key: `activeAssetCtx:${sub.coin}`, feedKey: feedKey.block(), channel: 'activeAssetCtx', initial: frame, format: frame };
    }
    case 'clearinghouseState': {
      const frame = () => ({ dex: sub.dex ?? '', user: sub.user, clearinghouseState: clearinghouseState(core, meta, sub.user) });
      return {
        key: `clearinghouseState:${sub.user}:${sub.dex ?? ''}`,
        feedKey: feedKey.block(),
        channel: 'clearinghouseState',
        initial: frame,
        format: frame,
      };
    }
    case 'webData2': {
      const frame = () => webData2(core, meta, sub.user);
      return { key: `webData2:${sub.user}`, feedKey: feedKey.block(), channel: 'webData2', initial: frame, format: frame };
    }
    case 'notification':
      // Nothing the venue simulates sends notifications yet; the subscription is confirmed and stays quiet.
      return { key: feedKey.notification(sub.user), feedKey: feedKey.notification(sub.user), channel: 'notification', initial: undefined };
    case 'candle': {
      const key = feedKey.candle(sub.coin, sub.interval);
      return {
        key,
        feedKey: key,
        channel: 'candle',
        initial: sub.coin === core.instrument.symbol ? () => core.candles.latest(sub.interval) : undefined,
      };
    }
  }
}
