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
  /** Every new order gets `{error: reason}`; `reason: null` stops it. */
  z.object({ fault: z.literal('rejectOrders'), reason: z.string().min(1).max(1000).nullable() }),
  z.object({ fault: z.literal('pauseFeed') }),
  z.object({ fault: z.literal('resumeFeed') }),
  /** Fires the dead man's switch now, for one account or all that set one. */
  z.object({ fault: z.literal('expireDeadMansSwitch'), user: z.string().optional() }),
  /** Clears every fault. */
  z.object({ fault: z.literal('reset') }),
]);
export type FaultCommand = z.infer<typeof faultCommandSchema>;

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
