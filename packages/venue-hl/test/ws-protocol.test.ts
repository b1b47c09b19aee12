import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './raw-ws-client.js';
import { MASTER, startHarness, type Harness } from './sdk-harness.js';

describe('WebSocket /ws protocol', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('greets, answers ping with pong, and echoes subscriptions verbatim', async () => {
    const client = await connect(h.venue.wsUrl);
    expect(await client.next((frame) => !frame.startsWith('{'))).toBe('Websocket connection established.');
    client.socket.send(JSON.stringify({ method: 'ping' }));
    expect(JSON.parse(await client.next((frame) => frame.includes('pong')))).toEqual({ channel: 'pong' });

    const subscription = { type: 'l2Book', coin: 'BTC', nSigFigs: null, mantissa: null };
    client.socket.send(JSON.stringify({ method: 'subscribe', subscription }));
    const confirmed = JSON.parse(await client.next((frame) => frame.includes('subscriptionResponse')));
    expect(confirmed).toEqual({ channel: 'subscriptionResponse', data: { method: 'subscribe', subscription } });
    const book = JSON.parse(await client.next((frame) => frame.includes('"channel":"l2Book"')));
    expect(book.data.coin).toBe('BTC');

    client.socket.send(JSON.stringify({ method: 'subscribe', subscription }));
    const again = JSON.parse(await client.next((frame) => frame.includes('"channel":"error"')));
    expect(again.data).toBe(`Already subscribed: ${JSON.stringify(subscription)}`);

    client.socket.send(JSON.stringify({ method: 'unsubscribe', subscription }));
    const gone = JSON.parse(await client.next((frame) => frame.includes('"method":"unsubscribe"')));
    expect(gone.data.subscription).toEqual(subscription);
    client.socket.close();
  });

  it('refuses unknown subscriptions and answers post requests with the request id', async () => {
    const client = await connect(h.venue.wsUrl);
    client.socket.send(JSON.stringify({ method: 'subscribe', subscription: { type: 'candle', coin: 'BTC', interval: '2s' } }));
    const error = JSON.parse(await client.next((frame) => frame.includes('"channel":"error"')));
    expect(error.data).toMatch(/^Invalid subscription /);

    client.socket.send(JSON.stringify({ method: 'post', id: 7, request: { type: 'info', payload: { type: 'userFills', user: MASTER } } }));
    const info = JSON.parse(await client.next((frame) => frame.includes('"channel":"post"')));
    expect(info).toEqual({ channel: 'post', data: { id: 7, response: { type: 'info', payload: { type: 'userFills', data: [] } } } });

    client.socket.send(JSON.stringify({ method: 'post', id: 8, request: { type: 'info', payload: { type: 'nope' } } }));
    const bad = JSON.parse(await client.next((frame) => frame.includes('"id":8')));
    expect(bad.data.response).toEqual({ type: 'error', payload: 'Failed to deserialize the JSON body into the target type' });
    client.socket.close();
  });
});
