import type { IRequestTransport, ISubscription, ISubscriptionTransport } from '@nktkas/hyperliquid';

export interface RecordedRequest {
  endpoint: 'info' | 'exchange' | 'explorer';
  payload: any;
}

/**
 * An in-memory Hyperliquid: the SDK signs and sends through it as through HttpTransport; each
 * test answers with real response shapes (hyperliquid.md §2.7, §3.5).
 */
export class FakeRequestTransport implements IRequestTransport {
  readonly isTestnet = false;
  readonly requests: RecordedRequest[] = [];
  exchange: (action: any, payload: any) => unknown = () => ({ status: 'ok', response: { type: 'default' } });
  info: (payload: any) => unknown = (payload) => defaultInfo(payload);

  async request<T>(endpoint: 'info' | 'exchange' | 'explorer', payload: unknown): Promise<T> {
    this.requests.push({ endpoint, payload });
    const body = payload as { action?: unknown };
    if (endpoint === 'exchange') return (await this.exchange(body.action, payload)) as T;
    return (await this.info(payload)) as T;
  }

  actions(type?: string): any[] {
    return this.requests
      .filter((request) => request.endpoint === 'exchange')
      .map((request) => request.payload.action)
      .filter((action) => type === undefined || action.type === type);
  }

  infoTypes(): string[] {
    return this.requests.filter((request) => request.endpoint === 'info').map((request) => request.payload.type);
  }
}

export function defaultInfo(payload: { type: string }): unknown {
  switch (payload.type) {
    case 'userFills':
    case 'openOrders':
      return [];
    case 'clearinghouseState':
      return { assetPositions: [], marginSummary: {}, crossMarginSummary: {}, withdrawable: '0', time: 0 };
    case 'userRole':
      return { role: 'user' };
    default:
      return {};
  }
}

export class FakeSubscriptionTransport implements ISubscriptionTransport {
  readonly subscriptions: { channel: string; payload: any; listener: (event: CustomEvent<any>) => void }[] = [];

  async subscribe<T>(channel: string, payload: unknown, listener: (data: CustomEvent<T>) => void): Promise<ISubscription> {
    const entry = { channel, payload, listener: listener as (event: CustomEvent<any>) => void };
    this.subscriptions.push(entry);
    return {
      unsubscribe: async () => {
        const index = this.subscriptions.indexOf(entry);
        if (index >= 0) this.subscriptions.splice(index, 1);
      },
    };
  }

  push(channel: string, data: unknown): void {
    for (const subscription of this.subscriptions.filter((entry) => entry.channel === channel)) {
      subscription.listener(new CustomEvent(channel, { detail: data }));
    }
  }
}

/** Real response shapes. */
export const ok = {
  order: (statuses: unknown[]) => ({ status: 'ok', response: { type: 'order', data: { statuses } } }),
  cancel: (statuses: unknown[]) => ({ status: 'ok', response: { type: 'cancel', data: { statuses } } }),
  default: () => ({ status: 'ok', response: { type: 'default' } }),
};
export const err = (text: string) => ({ status: 'err', response: text });
