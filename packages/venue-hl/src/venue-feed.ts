/** Channels the venue publishes on, keyed like `l2Book:BTC` or `userFills:0xabc…`. */
export type FeedListener = (data: unknown) => void;

/** A tiny publish/subscribe hub between the venue core and the WebSocket sessions. */
export class VenueFeed {
  private readonly listeners = new Map<string, Set<FeedListener>>();
  /** Fault injection on the userFills streams (repeated, reordered); undefined: sent as published. */
  fillStream: { deliver(send: () => void): void } | undefined;

  subscribe(key: string, listener: FeedListener): () => void {
    let set = this.listeners.get(key);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  publish(key: string, data: unknown): void {
    if (!this.listeners.has(key)) return;
    const send = () => {
      // The listeners at the time of sending: a message held back goes to whoever is subscribed then.
      for (const listener of [...(this.listeners.get(key) ?? [])]) listener(data);
    };
    if (this.fillStream !== undefined && key.startsWith(USER_FILLS_PREFIX)) this.fillStream.deliver(send);
    else send();
  }

  hasListeners(key: string): boolean {
    return this.listeners.has(key);
  }
}

const USER_FILLS_PREFIX = 'userFills:';

export const feedKey = {
  l2Book: (coin: string) => `l2Book:${coin}`,
  trades: (coin: string) => `trades:${coin}`,
  bbo: (coin: string) => `bbo:${coin}`,
  allMids: () => 'allMids',
  userFills: (user: string) => `${USER_FILLS_PREFIX}${user.toLowerCase()}`,
  orderUpdates: (user: string) => `orderUpdates:${user.toLowerCase()}`,
  userEvents: (user: string) => `user:${user.toLowerCase()}`,
  candle: (coin: string, interval: string) => `candle:${coin}:${interval}`,
  /** Published (without data) after every replayed book: streams that recompute a view per block. */
  block: () => 'block',
  notification: (user: string) => `notification:${user.toLowerCase()}`,
} as const;
