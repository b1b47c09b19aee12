import { InvalidInputError } from '@mm/core';
import type { AbstractEthersV6Signer } from '@nktkas/hyperliquid/signing';

/**
 * An ethers v6 signer as the SDK signs with it (`Wallet`, `HDNodeWallet`, `JsonRpcSigner`, ...):
 * EIP-712 `signTypedData(domain, types, value)`, `getAddress()` and its `address`. Structural (the
 * SDK's own type), so the adapter needs no ethers dependency; the SDK recognises ethers v6 signers
 * by this shape. The address is read at once because the adapter needs it before any request.
 */
export type EthersV6Signer = AbstractEthersV6Signer & { readonly address: string };

/** Checks an ethers v6 signer and returns it with its address (lowercase). */
export function checkEthersSigner(signer: EthersV6Signer): { wallet: EthersV6Signer; address: `0x${string}` } {
  if (typeof signer.signTypedData !== 'function' || signer.signTypedData.length !== 3 || typeof signer.getAddress !== 'function') {
    throw new InvalidInputError('signer must be an ethers v6 Signer (signTypedData(domain, types, value) and getAddress())');
  }
  if (!/^0x[0-9a-fA-F]{40}$/.test(signer.address)) throw new InvalidInputError('signer.address must be a 0x-prefixed 20-byte hex address');
  return { wallet: signer, address: signer.address.toLowerCase() as `0x${string}` };
}
