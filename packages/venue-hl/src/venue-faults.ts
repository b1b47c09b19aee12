import { z } from 'zod';

/** Faults the control endpoint can switch on, to test a client's handling of a misbehaving venue. */
export const faultCommandSchema = z.discriminatedUnion('fault', [
  /** Closes every WebSocket connection (the SDK reconnects and resubscribes). */
  z.object({ fault: z.literal('dropConnections') }),
  /** Answers the next `count` HTTP requests (/info and /exchange) with `status`, unprocessed. */
  z.object({
    fault: z.literal('httpError'),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]),
    count: z.number().int().positive().default(1),
  }),
  /** Holds every /exchange answer back by `ms` (the action is applied at once). */
  z.object({ fault: z.literal('delayAcks'), ms: z.number().int().nonnegative() }),
  /** Applies the next `count` /exchange actions but never answers them (the socket is destroyed). */
  z.object({ fault: z.literal('loseAcks'), count: z.number().int().positive().default(1) }),
  /** Every new order gets `{error: reason}`; `reason: null` stops it. */
  z.object({ fault: z.literal('rejectOrders'), reason: z.string().min(1).nullable() }),
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
