import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER, startHarness, type Harness } from './sdk-harness.js';

/** Raw POST (fetch would refuse some of these shapes before they reach the venue). */
function post(url: string, path: string, body: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = request(target, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    // The venue may close the socket once it has answered 413; the answer is what counts.
    req.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error)));
    req.end(body);
  });
}

const alo = (price: string) => ({ a: 0, b: true, p: price, s: '0.001', r: false, t: { limit: { tif: 'Alo' as const } } });

describe('hostile requests to the venue', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 413 to a body over the limit (a 50 MB body answered 500) and keeps serving', async () => {
    const answer = await post(h.venue.url, '/info', Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('too large');
    expect((await h.info.meta()).universe[0]!.name).toBe('BTC');
  });

  it('refuses /control faults past their bounds (delayAcks 1e12 ms, loseAcks 1e9 were accepted)', async () => {
    for (const command of [
      { fault: 'delayAcks', ms: 1e12 },
      { fault: 'loseAcks', count: 1e9 },
      { fault: 'httpError', status: 429, count: 1e9 },
    ]) {
      const answer = await post(h.venue.url, '/control', JSON.stringify(command));
      expect(answer.status, JSON.stringify(command)).toBe(400);
    }
    expect((await post(h.venue.url, '/control', JSON.stringify({ fault: 'delayAcks', ms: 0 }))).status).toBe(200);
  });

  it('refuses an action with more items than its cap, without placing any', async () => {
    const orders = Array.from({ length: 10_000 }, (_, index) => alo(String(90000 + (index % 1000))));
    const error = await h.exchange.order({ orders, grouping: 'na' }).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain('Too many items in one action: 10000');
    expect(await h.info.openOrders({ user: MASTER })).toEqual([]);
  });
});
