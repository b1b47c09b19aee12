import { z } from 'zod';

/** Numbers may come as strings or numbers (the SDK normalises to strings; others send numbers). */
const decimalText = z.union([z.string(), z.number()]).transform((value) => String(value));
const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const cloid = z.string().regex(/^0x[0-9a-fA-F]{32}$/);

export const signatureSchema = z.object({ r: hex, s: hex, v: z.number().int() });

/** `POST /exchange` body. The action stays raw: it is hashed as sent, then parsed per type. */
export const exchangeRequestSchema = z.object({
  action: z.looseObject({ type: z.string() }),
  nonce: z.number().int().nonnegative(),
  signature: signatureSchema,
  vaultAddress: hex.nullish(),
  expiresAfter: z.number().int().nonnegative().nullish(),
});
export type ExchangeRequest = z.infer<typeof exchangeRequestSchema>;

export const orderTypeSchema = z.union([
  z.object({ limit: z.object({ tif: z.enum(['Alo', 'Gtc', 'Ioc', 'FrontendMarket']) }) }),
  z.object({ trigger: z.object({ isMarket: z.boolean(), triggerPx: decimalText, tpsl: z.enum(['tp', 'sl']) }) }),
]);

export const orderWireSchema = z.object({
  a: z.number().int().nonnegative(),
  b: z.boolean(),
  p: decimalText,
  s: decimalText,
  r: z.boolean(),
  t: orderTypeSchema,
  c: cloid.optional(),
});
export type OrderWire = z.infer<typeof orderWireSchema>;

/** A builder code on an order action: the builder's address and its fee in tenths of a basis point. */
export const builderWireSchema = z.object({ b: z.string().regex(/^0x[0-9a-fA-F]{40}$/), f: z.number().int().nonnegative() });
export type BuilderWire = z.infer<typeof builderWireSchema>;

export const orderActionSchema = z.object({
  type: z.literal('order'),
  orders: z.array(orderWireSchema),
  grouping: z.union([z.enum(['na', 'normalTpsl', 'positionTpsl']), z.object({ p: z.number() })]).default('na'),
  builder: builderWireSchema.optional(),
});

export const cancelActionSchema = z.object({
  type: z.literal('cancel'),
  cancels: z.array(z.object({ a: z.number().int().nonnegative(), o: z.number().int().nonnegative() })),
});

export const cancelByCloidActionSchema = z.object({
  type: z.literal('cancelByCloid'),
  cancels: z.array(z.object({ asset: z.number().int().nonnegative(), cloid })),
});

const oidOrCloid = z.union([z.number().int().nonnegative(), cloid]);

export const modifyActionSchema = z.object({ type: z.literal('modify'), oid: oidOrCloid, order: orderWireSchema });

export const batchModifyActionSchema = z.object({
  type: z.literal('batchModify'),
  modifies: z.array(z.object({ oid: oidOrCloid, order: orderWireSchema })),
});

export const scheduleCancelActionSchema = z.object({
  type: z.literal('scheduleCancel'),
  time: z.number().int().nonnegative().nullish(),
});

export const noopActionSchema = z.object({ type: z.literal('noop') });

/** Cross or isolated leverage of one asset; it sets the margin the account's orders and position need. */
export const updateLeverageActionSchema = z.object({
  type: z.literal('updateLeverage'),
  asset: z.number().int().nonnegative(),
  isCross: z.boolean(),
  leverage: z.number().int().positive(),
});

/** L1: the referral code the account trades under (ccxt sends its own on the first private call). */
export const setReferrerActionSchema = z.object({ type: z.literal('setReferrer'), code: z.string() });

export const exchangeActionSchema = z.discriminatedUnion('type', [
  setReferrerActionSchema,
  orderActionSchema,
  cancelActionSchema,
  cancelByCloidActionSchema,
  modifyActionSchema,
  batchModifyActionSchema,
  scheduleCancelActionSchema,
  noopActionSchema,
  updateLeverageActionSchema,
]);
export type ExchangeAction = z.infer<typeof exchangeActionSchema>;

/** User-signed: the account lets a builder charge up to `maxFeeRate` ("0.01%") on its orders. */
export const approveBuilderFeeActionSchema = z.object({
  type: z.literal('approveBuilderFee'),
  signatureChainId: hex,
  hyperliquidChain: z.enum(['Mainnet', 'Testnet']),
  maxFeeRate: z.string().regex(/^[0-9]+(\.[0-9]+)?%$/),
  builder: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  nonce: z.number().int().nonnegative(),
});

/** User-signed: a master approves an agent (API) wallet to sign L1 actions for it. */
export const approveAgentActionSchema = z.object({
  type: z.literal('approveAgent'),
  signatureChainId: hex,
  hyperliquidChain: z.enum(['Mainnet', 'Testnet']),
  agentAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  agentName: z.string().nullish(),
  nonce: z.number().int().nonnegative(),
});
