import { z } from 'zod';

/**
 * Bounds on fault sizes: a fault is a test's lever, and `delayAcks` 1e12 ms or `loseAcks` 1e9 used to
 * be accepted and wedge the venue for good. A minute of delay is past every client's timeout (the
 * SDK's is 10 s); 10,000 planned errors or lost acks outlast any soak phase.
 */
export const MAX_FAULT_DELAY_MS = 60_000;
export const MAX_FAULT_COUNT = 10_000;
const faultCount = z.number().int().positive().max(MAX_FAULT_COUNT).default(1);

/** Faults the control endpoint can switch on, to test a client's handling of a misbehaving venue. */
export const faultCommandSchema = z.discriminatedUnion('fault', [
  /** Closes every WebSocket connection (the SDK reconnects and resubscribes). */
  z.object({ fault: z.literal('dropConnections') }),
  /** Answers the next `count` HTTP requests (/info and /exchange) with `status`, unprocessed. */
  z.object({
    fault: z.literal('httpError'),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]),
    count: faultCount,
  }),
  /** Holds every /exchange answer back by `ms` (the action is applied at once). */
  z.object({ fault: z.literal('delayAcks'), ms: z.number().int().nonnegative().max(MAX_FAULT_DELAY_MS) }),
  /** Applies the next `count` /exchange actions but never answers them (the socket is destroyed). */
  z.object({ fault: z.literal('loseAcks'), count: faultCount }),
  /**
   * Every new order gets `{error: reason}` (with `every: n`, only every n-th one: a batch partly
   * refused, the rest placed); `reason: null` stops it.
   */
  z.object({
    fault: z.literal('rejectOrders'),
    reason: z.string().min(1).max(1000).nullable(),
    every: z.number().int().positive().max(MAX_FAULT_COUNT).default(1),
  }),
  z.object({ fault: z.literal('pauseFeed') }),
  z.object({ fault: z.literal('resumeFeed') }),
  /** Sends each of the next `count` userFills messages twice (a venue repeating itself, e.g. around a reconnect). */
  z.object({ fault: z.literal('duplicateFills'), count: faultCount }),
  /**
   * Holds each of the next `count` userFills messages back until the following one has gone out (or
   * `REORDER_HOLD_MS` pass): fills arrive out of order.
   */
  z.object({ fault: z.literal('reorderFills'), count: faultCount }),
  /**
   * Sends `count` rounds of malformed frames on every WebSocket connection: torn JSON, and
   * userFills / orderUpdates for each account whose data has the wrong shape.
   */
  z.object({ fault: z.literal('malformedMessages'), count: z.number().int().positive().max(100).default(1) }),
  /** Fires the dead man's switch now, for one account or all that set one. */
  z.object({ fault: z.literal('expireDeadMansSwitch'), user: z.string().optional() }),
  /** Clears every fault. */
  z.object({ fault: z.literal('reset') }),
]);
export type FaultCommand = z.infer<typeof faultCommandSchema>;
/** A command as a caller writes it (defaults may be left out). */
export type FaultCommandInput = z.input<typeof faultCommandSchema>;

/** The HTTP-level faults in force (the others act on the core and the sockets directly). */
export class HttpFaults {
  errorStatus: number | undefined;
  errorsLeft = 0;
  ackDelayMs = 0;
  acksToLose = 0;

  /** The status to answer instead of processing, consuming one planned error. */
  takeError(): number | undefined {
    if (this.errorStatus === undefined || this.errorsLeft <= 0) return undefined;
    this.errorsLeft -= 1;
    const status = this.errorStatus;
    if (this.errorsLeft === 0) this.errorStatus = undefined;
    return status;
  }

  takeLostAck(): boolean {
    if (this.acksToLose <= 0) return false;
    this.acksToLose -= 1;
    return true;
  }

  reset(): void {
    this.errorStatus = undefined;
    this.errorsLeft = 0;
    this.ackDelayMs = 0;
    this.acksToLose = 0;
  }
}

/** How long a held-back fill waits for a later one before it goes out anyway (`reorderFills`). */
export const REORDER_HOLD_MS = 2_000;

/**
 * Faults on the userFills stream: messages sent twice or out of order. Every userFills message
 * goes through `deliver`; a message is never lost, only repeated or late.
 */
export class FillStreamFaults {
  duplicatesLeft = 0;
  reordersLeft = 0;
  private held: (() => void) | undefined;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;

  deliver(send: () => void): void {
    if (this.held !== undefined) {
      // The later message first, then the one held back.
      send();
      this.releaseHeld();
      return;
    }
    if (this.reordersLeft > 0) {
      this.reordersLeft -= 1;
      this.held = send;
      this.holdTimer = setTimeout(() => this.releaseHeld(), REORDER_HOLD_MS);
      this.holdTimer.unref?.();
      return;
    }
    send();
    if (this.duplicatesLeft > 0) {
      this.duplicatesLeft -= 1;
      send();
    }
  }

  /** Sends a held message now (also on reset: faults never lose a fill). */
  releaseHeld(): void {
    const held = this.held;
    this.held = undefined;
    if (this.holdTimer !== undefined) clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    held?.();
  }

  reset(): void {
    this.duplicatesLeft = 0;
    this.reordersLeft = 0;
    this.releaseHeld();
  }
}

/**
 * The frames `malformedMessages` sends for `user`: JSON torn mid-way, and user channels whose data a
 * client's schema must refuse (a client that trusts them books a fill that never happened).
 */
export function malformedFrames(user: string): string[] {
  return [
    `{"channel":"userFills","data":{"user":"${user}","fills":[{"coin":"BTC","px":`,
    JSON.stringify({ channel: 'userFills', data: { user, fills: [{ coin: 'BTC', px: 'NaN', sz: -1, tid: 'x' }] } }),
    JSON.stringify({ channel: 'orderUpdates', data: [{ order: 42, status: 7 }] }),
    JSON.stringify({ channel: 'orderUpdates', data: { not: 'an array' } }),
    '\u0000\u00ff not json at all',
  ];
}
