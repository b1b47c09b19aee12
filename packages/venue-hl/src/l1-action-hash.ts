import { encode } from '@msgpack/msgpack';
import { concat, keccak256, numberToHex, toHex, type Hex } from 'viem';

export interface L1ActionEnvelope {
  /** The action exactly as parsed from the request JSON: key order is part of the hash. */
  action: unknown;
  nonce: number;
  vaultAddress?: string | null | undefined;
  expiresAfter?: number | null | undefined;
}

/**
 * Hyperliquid's L1 `connectionId`: keccak256(msgpack(action) ‖ u64be(nonce) ‖ vault flag [‖ 0x00 ‖
 * u64be(expiresAfter)]). The action is re-encoded from the parsed JSON; `JSON.parse` keeps key order
 * and @msgpack/msgpack writes integers ≥ 2^32 as uint64, which is what the SDKs hash.
 */
export function l1ActionHash(envelope: L1ActionEnvelope): `0x${string}` {
  const parts: Hex[] = [toHex(encode(envelope.action)), numberToHex(BigInt(envelope.nonce), { size: 8 })];
  const vault = envelope.vaultAddress;
  parts.push(vault === undefined || vault === null ? '0x00' : concat(['0x01', vault.toLowerCase() as Hex]));
  if (envelope.expiresAfter !== undefined && envelope.expiresAfter !== null) {
    parts.push(concat(['0x00', numberToHex(BigInt(envelope.expiresAfter), { size: 8 })]));
  }
  return keccak256(concat(parts));
}
