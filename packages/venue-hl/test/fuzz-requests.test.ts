import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './sdk-harness.js';

/** CI-sized; `MM_FUZZ_RUNS=100000 npx vitest run test/fuzz-requests.test.ts` for the long run. */
const RUNS = Number(process.env.MM_FUZZ_RUNS ?? 300);
/** What a venue may answer a hostile body: never 500 (an exception escaped the handler). */
const ANSWERS = new Set([200, 400, 403, 404, 413, 422]);

const actionTypes = [
  'order',
  'cancel',
  'cancelByCloid',
  'modify',
  'batchModify',
  'scheduleCancel',
  'noop',
  'updateLeverage',
  'approveAgent',
  'x',
];
/** Bodies shaped like the venue's own requests with random fields, so parsing goes past the first check. */
const nearlyValid = fc.record(
  {
    action: fc
      .record({ type: fc.constantFrom(...actionTypes) }, { requiredKeys: [] })
      .chain((base) =>
        fc
          .dictionary(
            fc.constantFrom('orders', 'cancels', 'modifies', 'oid', 'order', 'time', 'asset', 'leverage', 'grouping'),
            fc.jsonValue(),
          )
          .map((extra) => ({ ...base, ...extra })),
      ),
    nonce: fc.oneof(fc.nat(), fc.double(), fc.string(), fc.constant(Date.now())),
    signature: fc.oneof(
      fc.record({ r: fc.constant(`0x${'1'.repeat(64)}`), s: fc.constant(`0x${'2'.repeat(64)}`), v: fc.integer({ min: 0, max: 40 }) }),
      fc.jsonValue(),
    ),
    vaultAddress: fc.oneof(fc.constant(null), fc.string()),
    expiresAfter: fc.oneof(fc.constant(null), fc.integer()),
  },
  { requiredKeys: [] },
);
const infoBodies = fc.oneof(
  fc
    .record({ type: fc.constantFrom('meta', 'l2Book', 'openOrders', 'userFills', 'candleSnapshot', 'orderStatus', 'x') })
    .chain((base) =>
      fc
        .dictionary(fc.constantFrom('coin', 'user', 'oid', 'req', 'nSigFigs', 'mantissa', 'startTime'), fc.jsonValue())
        .map((extra) => ({ ...base, ...extra })),
    ),
  fc.jsonValue(),
);
const controlBodies = fc
  .record({ fault: fc.constantFrom('httpError', 'delayAcks', 'loseAcks', 'rejectOrders', 'x') })
  .chain((base) =>
    fc.dictionary(fc.constantFrom('status', 'count', 'ms', 'reason', 'user'), fc.jsonValue()).map((extra) => ({ ...base, ...extra })),
  );
const bodies = fc.oneof(
  fc.string().map((text) => ({ path: '/info', text })),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ path: '/exchange', text: Buffer.from(bytes).toString('latin1') })),
  nearlyValid.map((body) => ({ path: '/exchange', text: JSON.stringify(body) })),
  infoBodies.map((body) => ({ path: '/info', text: JSON.stringify(body) })),
  controlBodies.map((body) => ({ path: '/control', text: JSON.stringify(body) })),
);

describe('fuzz: the venue reads hostile requests without failing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it(
    `answers ${RUNS} random /info, /exchange and /control bodies with a status it documents, never 500`,
    async () => {
      await fc.assert(
        fc.asyncProperty(bodies, async ({ path, text }) => {
          const response = await fetch(`${h.venue.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: text,
          });
          await response.text();
          if (path === '/control' && response.status === 200) h.venue.applyFault({ fault: 'reset' });
          return ANSWERS.has(response.status);
        }),
        { numRuns: RUNS },
      );
      h.venue.applyFault({ fault: 'reset' });
      expect((await h.info.meta()).universe[0]!.name).toBe('BTC');
    },
    Math.max(600_000, RUNS * 20),
  );

  it(
    `keeps a WebSocket session alive through ${RUNS} random frames (it still answers a ping)`,
    async () => {
      const socket = new WebSocket(h.venue.wsUrl);
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const frames = fc.oneof(
        fc.string(),
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc
          .record(
            {
              method: fc.constantFrom('subscribe', 'unsubscribe', 'post', 'ping', 'x'),
              subscription: fc.jsonValue(),
              request: fc.jsonValue(),
              id: fc.jsonValue(),
            },
            { requiredKeys: ['method'] },
          )
          .map((value) => JSON.stringify(value)),
      );
      let closed = false;
      socket.on('close', () => (closed = true));
      fc.assert(
        fc.property(frames, (frame) => {
          socket.send(frame);
          return true;
        }),
        { numRuns: RUNS },
      );
      // A ping after the storm still answers: the session survived every frame.
      const pong = new Promise<void>((resolve) =>
        socket.on('message', (data) => {
          if (String(data).includes('"pong"')) resolve();
        }),
      );
      socket.send(JSON.stringify({ method: 'ping' }));
      await pong;
      expect(closed).toBe(false);
      socket.close();
      expect((await h.info.meta()).universe[0]!.name).toBe('BTC');
    },
    Math.max(600_000, RUNS * 20),
  );
});
