import { InvalidInputError } from './errors.js';
import type { ClientOrderId } from './types.js';

const INSTANCE_SHIFT = 96n;
const SESSION_SHIFT = 64n;
const MAX_UINT32 = 2 ** 32 - 1;

/**
 * Deterministic client order ids in Hyperliquid's cloid format (`0x` + 32 hex digits), which
 * Binance and Bybit accept as plain strings too. The session part keeps ids unique across
 * restarts; the sequence part across one session. No randomness, so replays are reproducible.
 *
 * With an `instanceId` (a bot's journal identity, 1..2^32−1) the top 32 bits carry it, so a bot can
 * tell at start whether orders resting on its account were placed by itself (an earlier session)
 * or by another bot on the same key; the session then has to fit 32 bits.
 */
export class ClientOrderIdSequence {
  private next: bigint;
  private readonly prefix: bigint;

  constructor(sessionId: number, firstSequence = 0, options: { instanceId?: number } = {}) {
    if (!Number.isSafeInteger(sessionId) || sessionId < 0) {
      throw new InvalidInputError(`sessionId must be a non-negative safe integer, got ${sessionId}`);
    }
    const { instanceId } = options;
    if (instanceId !== undefined) {
      if (!Number.isInteger(instanceId) || instanceId < 1 || instanceId > MAX_UINT32)
        throw new InvalidInputError(`instanceId must be an integer in 1..${MAX_UINT32}, got ${instanceId}`);
      if (sessionId > MAX_UINT32) throw new InvalidInputError(`sessionId must fit 32 bits when an instanceId is set, got ${sessionId}`);
    }
    this.prefix = (BigInt(instanceId ?? 0) << INSTANCE_SHIFT) | (BigInt(sessionId) << SESSION_SHIFT);
    this.next = BigInt(firstSequence);
  }

  nextId(): ClientOrderId {
    const value = this.prefix | (this.next & 0xffff_ffff_ffff_ffffn);
    this.next += 1n;
    return `0x${value.toString(16).padStart(32, '0')}`;
  }
}

/** The instance id a `ClientOrderIdSequence` put in `clientOrderId`; undefined for ids without one (or not ours). */
export function instanceIdOfClientOrderId(clientOrderId: string): number | undefined {
  if (!/^0x[0-9a-fA-F]{32}$/.test(clientOrderId)) return undefined;
  const instanceId = Number.parseInt(clientOrderId.slice(2, 10), 16);
  return instanceId === 0 ? undefined : instanceId;
}
