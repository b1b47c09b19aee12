import { padHex, recoverTypedDataAddress, type Hex } from 'viem';
import { l1ActionHash, type L1ActionEnvelope } from './l1-action-hash.js';

export interface L1Signature {
  r: string;
  s: string;
  v: number;
}

const EXCHANGE_DOMAIN = {
  name: 'Exchange',
  version: '1',
  chainId: 1337,
  verifyingContract: '0x0000000000000000000000000000000000000000',
} as const;

const AGENT_TYPES = {
  Agent: [
    { name: 'source', type: 'string' },
    { name: 'connectionId', type: 'bytes32' },
  ],
} as const;

/**
 * The address that signed an L1 action (the phantom-agent EIP-712 message: source 'a' on mainnet,
 * 'b' on testnet). A signature over different bytes recovers to some other address, which is how
 * the real venue reports tampering ("User or API Wallet 0x… does not exist."). Returns the address
 * lowercase; throws when the signature is not a valid secp256k1 signature at all.
 */
export async function recoverL1Signer(envelope: L1ActionEnvelope & { signature: L1Signature }, isTestnet: boolean): Promise<`0x${string}`> {
  const connectionId = l1ActionHash(envelope);
  // Python and ccxt drop leading zeros of r/s; viem wants 32 bytes.
  const r = padHex(envelope.signature.r as Hex, { size: 32 });
  const s = padHex(envelope.signature.s as Hex, { size: 32 });
  const signer = await recoverTypedDataAddress({
    domain: EXCHANGE_DOMAIN,
    types: AGENT_TYPES,
    primaryType: 'Agent',
    message: { source: isTestnet ? 'b' : 'a', connectionId },
    signature: { r, s, v: BigInt(envelope.signature.v) },
  });
  return signer.toLowerCase() as `0x${string}`;
}
