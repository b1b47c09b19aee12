import { z } from 'zod';
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
]);

/** Maps a client's subscription object to what the venue publishes; undefined when it is not served. */
export function resolveSubscription(core: HyperliquidVenueCore, subscription: unknown): ResolvedSubscription | undefined {
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
  }
}
