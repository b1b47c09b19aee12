import {
  approveAgentActionSchema,
  approveBuilderFeeActionSchema,
  exchangeActionSchema,
  exchangeRequestSchema,
  type ExchangeAction,
  type ExchangeRequest,
} from './exchange-schemas.js';
import type { NonceRegistry } from './nonce-registry.js';
import { recoverL1Signer } from './recover-l1-signer.js';
import { recoverUserSignedSigner } from './recover-user-signed-signer.js';
import type { SignerDirectory } from './signer-directory.js';
import type { HyperliquidVenueCore } from './venue-core.js';
import { undeserializableBody } from './venue-errors.js';
import type { ExchangeResponse } from './wire-types.js';

export interface ExchangeContext {
  core: HyperliquidVenueCore;
  directory: SignerDirectory;
  nonces: NonceRegistry;
  isTestnet: boolean;
}

const DEFAULT: ExchangeResponse = { status: 'ok', response: { type: 'default' } };
const L1_ACTION_TYPES = [
  'order',
  'cancel',
  'cancelByCloid',
  'modify',
  'batchModify',
  'scheduleCancel',
  'noop',
  'updateLeverage',
  'setReferrer',
];

/** Builders may charge at most 0.1 % on perps (official "Builder codes" page). */
const MAX_BUILDER_FEE_PERCENT = 0.1;

/**
 * `approveBuilderFee`, signed by the account (user-signed EIP-712, any `signatureChainId`, as ccxt's
 * 0x66eee): afterwards orders naming the builder may pay it up to `maxFeeRate`.
 */
async function approveBuilderFee(context: ExchangeContext, request: ExchangeRequest): Promise<ExchangeResponse> {
  const parsed = approveBuilderFeeActionSchema.safeParse(request.action);
  if (!parsed.success) throw undeserializableBody(parsed.error.message);
  const action = parsed.data;
  const chain = context.isTestnet ? 'Testnet' : 'Mainnet';
  if (action.hyperliquidChain !== chain) return { status: 'err', response: `Invalid hyperliquidChain: expected ${chain}.` };
  context.core.catchUp();
  let signer: string;
  try {
    signer = await recoverUserSignedSigner(
      'approveBuilderFee',
      action.signatureChainId,
      { hyperliquidChain: action.hyperliquidChain, maxFeeRate: action.maxFeeRate, builder: action.builder, nonce: action.nonce },
      request.signature,
    );
  } catch {
    return { status: 'err', response: 'Invalid signature.' };
  }
  if (context.directory.account(signer) === undefined) return { status: 'err', response: `User or API Wallet ${signer} does not exist.` };
  const percent = Number(action.maxFeeRate.slice(0, -1));
  if (percent > MAX_BUILDER_FEE_PERCENT) return { status: 'err', response: `Builder fee rate too high: ${action.maxFeeRate}.` };
  const nonce = context.nonces.accept(signer, action.nonce, context.core.nowMs());
  if (!nonce.ok) return { status: 'err', response: nonce.reason };
  // "0.01%" = 1 bp = 10 tenths of a basis point, the unit of an order's builder fee `f`.
  context.core.accounts.get(signer).approvedBuilderFees.set(action.builder.toLowerCase(), Math.round(percent * 1000));
  return DEFAULT;
}

/**
 * `approveAgent`, signed by the master itself (user-signed EIP-712): afterwards the agent signs L1
 * actions for the master. The chain named in the action must be the venue's.
 */
async function approveAgent(context: ExchangeContext, request: ExchangeRequest): Promise<ExchangeResponse> {
  const parsed = approveAgentActionSchema.safeParse(request.action);
  if (!parsed.success) throw undeserializableBody(parsed.error.message);
  const action = parsed.data;
  const chain = context.isTestnet ? 'Testnet' : 'Mainnet';
  if (action.hyperliquidChain !== chain) return { status: 'err', response: `Invalid hyperliquidChain: expected ${chain}.` };
  context.core.catchUp();
  let signer: string;
  try {
    signer = await recoverUserSignedSigner(
      'approveAgent',
      action.signatureChainId,
      {
        hyperliquidChain: action.hyperliquidChain,
        agentAddress: action.agentAddress,
        agentName: action.agentName ?? '',
        nonce: action.nonce,
      },
      request.signature,
    );
  } catch {
    return { status: 'err', response: 'Invalid signature.' };
  }
  // Only a master account approves agents; an agent cannot approve another.
  if (context.directory.account(signer) === undefined) return { status: 'err', response: `User or API Wallet ${signer} does not exist.` };
  const nonce = context.nonces.accept(signer, action.nonce, context.core.nowMs());
  if (!nonce.ok) return { status: 'err', response: nonce.reason };
  context.directory.approveAgent(signer, action.agentAddress);
  return DEFAULT;
}

/**
 * Orders, cancels or modifies in one action. Hyperliquid documents no per-action cap (its weight grows
 * with `floor(n/40)`); this venue takes at most the default open-order cap, 1000, since no larger batch
 * can rest anyway.
 */
export const MAX_ITEMS_PER_ACTION = 1000;

function actionItemCount(action: Record<string, unknown>): number {
  let count = 0;
  for (const key of ['orders', 'cancels', 'modifies']) {
    const items = action[key];
    if (Array.isArray(items)) count += items.length;
  }
  return count;
}

/**
 * `POST /exchange` (and WS `post` actions): parse, recover the signer of the L1 action, map it to
 * its account (itself or the master of an agent), check the nonce and expiry, then run the action.
 * Refusals of the whole request are `{status:"err"}` values; a body that does not deserialise throws
 * a 422 `VenueRequestError`.
 */
export async function handleExchangeRequest(context: ExchangeContext, body: unknown): Promise<ExchangeResponse> {
  const request = exchangeRequestSchema.safeParse(body);
  if (!request.success) throw undeserializableBody(request.error.message);
  const items = actionItemCount(request.data.action);
  if (items > MAX_ITEMS_PER_ACTION) {
    // Refused before hashing: 10,000 orders in one action used to stall the event loop for seconds.
    return { status: 'err', response: `Too many items in one action: ${items} (this venue's limit is ${MAX_ITEMS_PER_ACTION}).` };
  }
  if (request.data.action.type === 'approveAgent') return approveAgent(context, request.data);
  if (request.data.action.type === 'approveBuilderFee') return approveBuilderFee(context, request.data);
  const action = exchangeActionSchema.safeParse(request.data.action);
  if (!action.success) {
    if (!L1_ACTION_TYPES.includes(request.data.action.type)) {
      return { status: 'err', response: `Unsupported action type on the local venue: ${request.data.action.type}` };
    }
    throw undeserializableBody(action.error.message);
  }
  const { core } = context;
  core.catchUp();
  let signer: string;
  try {
    signer = await recoverL1Signer(request.data, context.isTestnet);
  } catch {
    return { status: 'err', response: 'Invalid signature.' };
  }
  let user = context.directory.accountFor(signer);
  if (user === undefined) return { status: 'err', response: `User or API Wallet ${signer} does not exist.` };
  const vault = request.data.vaultAddress?.toLowerCase();
  if (vault !== undefined && vault !== null) {
    if (context.directory.account(vault) === undefined) return { status: 'err', response: `Vault not registered: ${vault}` };
    user = vault;
  }
  const nowMs = core.nowMs();
  const nonce = context.nonces.accept(signer, request.data.nonce, nowMs);
  if (!nonce.ok) return { status: 'err', response: nonce.reason };
  const expiresAfter = request.data.expiresAfter;
  if (expiresAfter !== undefined && expiresAfter !== null && expiresAfter < nowMs) {
    return { status: 'err', response: `Action expired: expiresAfter ${expiresAfter} is before venue time ${nowMs}.` };
  }
  core.accounts.get(user).actionsSent += 1;
  return runAction(core, user, action.data);
}

function runAction(core: HyperliquidVenueCore, user: string, action: ExchangeAction): ExchangeResponse {
  switch (action.type) {
    case 'order':
      return {
        status: 'ok',
        response: { type: 'order', data: { statuses: action.orders.map((order) => core.placeOrder(user, order, action.builder)) } },
      };
    case 'cancel':
      return {
        status: 'ok',
        response: {
          type: 'cancel',
          data: { statuses: action.cancels.map((cancel) => core.cancelOrder(user, cancel.a, core.orders.byVenueOid(cancel.o))) },
        },
      };
    case 'cancelByCloid':
      return {
        status: 'ok',
        response: {
          type: 'cancel',
          data: {
            statuses: action.cancels.map((cancel) => core.cancelOrder(user, cancel.asset, core.orders.byUserCloid(user, cancel.cloid))),
          },
        },
      };
    case 'modify': {
      const status = core.modifyOrder(user, action.oid, action.order);
      return 'error' in status ? { status: 'err', response: status.error } : DEFAULT;
    }
    case 'batchModify':
      return {
        status: 'ok',
        response: { type: 'order', data: { statuses: action.modifies.map((modify) => core.modifyOrder(user, modify.oid, modify.order)) } },
      };
    case 'scheduleCancel': {
      const refusal = core.scheduleCancel(user, action.time ?? undefined);
      return refusal === undefined ? DEFAULT : { status: 'err', response: refusal };
    }
    case 'updateLeverage': {
      const refusal = core.updateLeverage(user, action.asset, action.isCross, action.leverage);
      return refusal === undefined ? DEFAULT : { status: 'err', response: refusal };
    }
    case 'setReferrer':
      core.accounts.get(user).referrer = action.code;
      return DEFAULT;
    case 'noop':
      return DEFAULT;
  }
}
