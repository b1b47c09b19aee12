import { InvalidInputError } from '@mm/core';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

/**
 * The signing wallet from a hex private key. A malformed key is refused with a message that never
 * repeats the key (library errors may quote their input).
 */
export function signerFromPrivateKey(privateKey: string): PrivateKeyAccount {
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) {
    throw new InvalidInputError('privateKey must be 0x followed by 64 hex digits (value not shown)');
  }
  try {
    return privateKeyToAccount(privateKey as `0x${string}`);
  } catch {
    throw new InvalidInputError('privateKey is not a valid secp256k1 key (value not shown)');
  }
}
