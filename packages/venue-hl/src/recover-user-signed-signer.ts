import { padHex, recoverTypedDataAddress, type Hex, type TypedDataParameter } from 'viem';
import type { L1Signature } from './recover-l1-signer.js';

/** EIP-712 types of the user-signed actions the venue accepts (as the SDKs sign them). */
export const USER_SIGNED_TYPES = {
  approveAgent: {
    primaryType: 'HyperliquidTransaction:ApproveAgent',
    fields: [
      { name: 'hyperliquidChain', type: 'string' },
      { name: 'agentAddress', type: 'address' },
      { name: 'agentName', type: 'string' },
      { name: 'nonce', type: 'uint64' },
    ],
  },
  approveBuilderFee: {
    primaryType: 'HyperliquidTransaction:ApproveBuilderFee',
    fields: [
      { name: 'hyperliquidChain', type: 'string' },
      { name: 'maxFeeRate', type: 'string' },
      { name: 'builder', type: 'address' },
      { name: 'nonce', type: 'uint64' },
    ],
  },
} as const satisfies Record<string, { primaryType: string; fields: readonly TypedDataParameter[] }>;

export type UserSignedActionType = keyof typeof USER_SIGNED_TYPES;

/**
 * The signer of a user-signed action (transfers, `approveAgent`, ...): EIP-712 over the action's
 * fields in domain `HyperliquidSignTransaction` with the chain id the client chose
 * (`signatureChainId`). Returns the address lowercase.
 */
export async function recoverUserSignedSigner(
  type: UserSignedActionType,
  signatureChainId: string,
  message: Record<string, unknown>,
  signature: L1Signature,
): Promise<`0x${string}`> {
  const { primaryType, fields } = USER_SIGNED_TYPES[type];
  // The types are chosen at run time, so viem cannot check the message shape statically.
  const recover = recoverTypedDataAddress as (parameters: Record<string, unknown>) => Promise<string>;
  const signer = await recover({
    domain: {
      name: 'HyperliquidSignTransaction',
      version: '1',
      chainId: Number.parseInt(signatureChainId, 16),
      verifyingContract: '0x0000000000000000000000000000000000000000',
    },
    types: { [primaryType]: fields },
    primaryType,
    message,
    signature: {
      r: padHex(signature.r as Hex, { size: 32 }),
      s: padHex(signature.s as Hex, { size: 32 }),
      v: BigInt(signature.v),
    },
  });
  return signer.toLowerCase() as `0x${string}`;
}
