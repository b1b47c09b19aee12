import { InvalidInputError } from './errors.js';
import type { ClientOrderId } from './types.js';

/**
 * Deterministic client order ids in Hyperliquid's cloid format (`0x` + 32 hex digits), which
 * Binance and Bybit accept as plain strings too. The session part keeps ids unique across
 * restarts; the sequence part across one session. No randomness, so replays are reproducible.
 */
export class ClientOrderIdSequence {
  private next: bigint;
  private readonly session: bigint;

  constructor(sessionId: number, firstSequence = 0) {
    if (!Number.isSafeInteger(sessionId) || sessionId < 0) {
      throw new InvalidInputError(`sessionId must be a non-negative safe integer, got ${sessionId}`);
    }
    this.session = BigInt(sessionId);
    this.next = BigInt(firstSequence);
  }

  nextId(): ClientOrderId {
    const value = (this.session << 64n) | (this.next & 0xffff_ffff_ffff_ffffn);
    this.next += 1n;
    return `0x${value.toString(16).padStart(32, '0')}`;
  }
}
