import type { WebSocket } from 'ws';
import { z } from 'zod';
import { handleExchangeRequest, type ExchangeContext } from './exchange-actions.js';
import { answerInfo, type MarketMeta } from './info-queries.js';
import { infoRequestSchema } from './info-schemas.js';
import { resolveSubscription } from './subscription-channels.js';
import { VenueRequestError } from './venue-errors.js';

export const WS_GREETING = 'Websocket connection established.';

const messageSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('ping') }),
  z.object({ method: z.literal('subscribe'), subscription: z.looseObject({ type: z.string() }) }),
  z.object({ method: z.literal('unsubscribe'), subscription: z.looseObject({ type: z.string() }) }),
  z.object({
    method: z.literal('post'),
    id: z.number().int(),
    request: z.object({ type: z.enum(['info', 'action']), payload: z.unknown() }),
  }),
]);

export interface WsSessionDeps {
  exchange: ExchangeContext;
  meta: MarketMeta;
}

/**
 * One client connection on `/ws`: the greeting, ping/pong, subscriptions (confirmed by echoing the
 * client's subscription object verbatim, which is how the SDK matches them) and `post` requests.
 */
export class WsSession {
  private readonly subscriptions = new Map<string, () => void>();

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: WsSessionDeps,
  ) {
    socket.send(WS_GREETING);
    socket.on('message', (data) => {
      this.onMessage(String(data)).catch((error: unknown) => this.sendError(`Internal error: ${(error as Error).message}`));
    });
    socket.on('close', () => this.closeSubscriptions());
    socket.on('error', () => this.closeSubscriptions());
  }

  private async onMessage(text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.sendError(`Invalid JSON: ${text}`);
      return;
    }
    const parsed = messageSchema.safeParse(json);
    if (!parsed.success) {
      this.sendError(`Unknown method: ${text}`);
      return;
    }
    const message = parsed.data;
    switch (message.method) {
      case 'ping':
        this.send({ channel: 'pong' });
        return;
      case 'subscribe':
        this.subscribe(message.subscription);
        return;
      case 'unsubscribe':
        this.unsubscribe(message.subscription);
        return;
      case 'post':
        await this.post(message.id, message.request.type, message.request.payload);
        return;
    }
  }

  private subscribe(subscription: Record<string, unknown>): void {
    const core = this.deps.exchange.core;
    core.catchUp();
    const resolved = resolveSubscription(core, this.deps.meta, subscription);
    if (resolved === undefined) {
      this.sendError(`Invalid subscription ${JSON.stringify(subscription)}`);
      return;
    }
    if (this.subscriptions.has(resolved.key)) {
      this.sendError(`Already subscribed: ${JSON.stringify(subscription)}`);
      return;
    }
    const format = resolved.format;
    const stop = core.feed.subscribe(resolved.feedKey, (data) =>
      this.send({ channel: resolved.channel, data: format === undefined ? data : format(data) }),
    );
    this.subscriptions.set(resolved.key, stop);
    this.send({ channel: 'subscriptionResponse', data: { method: 'subscribe', subscription } });
    const initial = resolved.initial?.();
    if (initial !== undefined && !(Array.isArray(initial) && initial.length === 0)) this.send({ channel: resolved.channel, data: initial });
  }

  private unsubscribe(subscription: Record<string, unknown>): void {
    const resolved = resolveSubscription(this.deps.exchange.core, this.deps.meta, subscription);
    const stop = resolved === undefined ? undefined : this.subscriptions.get(resolved.key);
    if (resolved === undefined || stop === undefined) {
      this.sendError(`Already unsubscribed: ${JSON.stringify(subscription)}`);
      return;
    }
    stop();
    this.subscriptions.delete(resolved.key);
    this.send({ channel: 'subscriptionResponse', data: { method: 'unsubscribe', subscription } });
  }

  private async post(id: number, type: 'info' | 'action', payload: unknown): Promise<void> {
    try {
      if (type === 'info') {
        const info = infoRequestSchema.safeParse(payload);
        if (!info.success) throw new VenueRequestError('Failed to deserialize the JSON body into the target type', 422);
        const core = this.deps.exchange.core;
        core.catchUp();
        const data = answerInfo(core, this.deps.meta, info.data, this.deps.exchange.directory);
        this.send({ channel: 'post', data: { id, response: { type: 'info', payload: { type: info.data.type, data } } } });
        return;
      }
      const answer = await handleExchangeRequest(this.deps.exchange, payload);
      this.send({ channel: 'post', data: { id, response: { type: 'action', payload: answer } } });
    } catch (error) {
      const message = error instanceof VenueRequestError ? error.message : `Internal error: ${(error as Error).message}`;
      this.send({ channel: 'post', data: { id, response: { type: 'error', payload: message } } });
    }
  }

  private send(message: unknown): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private sendError(text: string): void {
    this.send({ channel: 'error', data: text });
  }

  private closeSubscriptions(): void {
    for (const stop of this.subscriptions.values()) stop();
    this.subscriptions.clear();
  }
}
