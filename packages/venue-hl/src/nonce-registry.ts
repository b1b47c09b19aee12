/** Why a nonce was refused, in the venue's words where known. */
export type NonceVerdict = { ok: true } | { ok: false; reason: string };

export interface NonceRegistryOptions {
  /** Nonces kept per signer; a nonce not above the smallest of a full set is too old. */
  setSize: number;
  windowPastMs: number;
  windowFutureMs: number;
}

/**
 * Per-signer nonce book-keeping as Hyperliquid describes it: nonces are never reused, must exceed
 * the smallest of the highest `setSize` nonces seen, and must lie within a window around the venue
 * time. Only the duplicate message is the venue's verified text; the window messages are ours.
 */
export class NonceRegistry {
  private readonly bySigner = new Map<string, number[]>();

  constructor(private readonly options: NonceRegistryOptions) {}

  /** Checks `nonce` for `signer` at venue time `nowMs` and records it when accepted. */
  accept(signer: string, nonce: number, nowMs: number): NonceVerdict {
    const key = signer.toLowerCase();
    const seen = this.bySigner.get(key) ?? [];
    if (seen.includes(nonce)) return { ok: false, reason: `Invalid nonce: duplicate nonce ${nonce}` };
    if (nonce <= nowMs - this.options.windowPastMs) {
      return { ok: false, reason: `Invalid nonce: nonce ${nonce} is too far in the past (venue time ${nowMs})` };
    }
    if (nonce >= nowMs + this.options.windowFutureMs) {
      return { ok: false, reason: `Invalid nonce: nonce ${nonce} is too far in the future (venue time ${nowMs})` };
    }
    if (seen.length >= this.options.setSize && nonce <= seen[0]!) {
      return { ok: false, reason: `Invalid nonce: nonce ${nonce} is not above the lowest stored nonce ${seen[0]}` };
    }
    insertSorted(seen, nonce);
    if (seen.length > this.options.setSize) seen.shift();
    this.bySigner.set(key, seen);
    return { ok: true };
  }
}

function insertSorted(values: number[], value: number): void {
  let index = values.length;
  while (index > 0 && values[index - 1]! > value) index -= 1;
  values.splice(index, 0, value);
}
