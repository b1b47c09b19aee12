import { z } from 'zod';
import { CANDLE_INTERVALS } from './candle-series.js';

const user = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((text) => text.toLowerCase());

/** Times may come as numbers or numeric strings (the SDK's schemas accept both). */
const timeMs = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^[0-9]+$/)
    .transform(Number),
]);

/**
 * `POST /info` bodies the venue answers; unknown keys are tolerated, as on the venue. A type it
 * does not know does not deserialise: the venue answers 422, as the real one does.
 */
export const infoRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meta'), dex: z.string().optional() }),
  z.object({ type: z.literal('spotMeta') }),
  z.object({ type: z.literal('outcomeMeta') }),
  z.object({ type: z.literal('perpDexs') }),
  z.object({ type: z.literal('metaAndAssetCtxs'), dex: z.string().optional() }),
  z.object({ type: z.literal('spotMetaAndAssetCtxs') }),
  z.object({ type: z.literal('exchangeStatus') }),
  z.object({ type: z.literal('userAbstraction'), user }),
  z.object({ type: z.literal('userRole'), user }),
  z.object({ type: z.literal('spotClearinghouseState'), user, dex: z.string().optional() }),
  z.object({ type: z.literal('userFees'), user }),
  z.object({ type: z.literal('historicalOrders'), user }),
  z.object({ type: z.literal('webData2'), user }),
  z.object({ type: z.literal('maxBuilderFee'), user, builder: z.string().regex(/^0x[0-9a-fA-F]{40}$/) }),
  z.object({
    type: z.literal('userFillsByTime'),
    user,
    startTime: timeMs,
    endTime: timeMs.nullish(),
    aggregateByTime: z.boolean().optional(),
    reversed: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('candleSnapshot'),
    req: z.object({ coin: z.string(), interval: z.enum(CANDLE_INTERVALS), startTime: timeMs, endTime: timeMs.nullish() }),
  }),
  z.object({ type: z.literal('allMids'), dex: z.string().optional() }),
  z.object({ type: z.literal('l2Book'), coin: z.string(), nSigFigs: z.number().nullish(), mantissa: z.number().nullish() }),
  z.object({ type: z.literal('openOrders'), user, dex: z.string().optional() }),
  z.object({ type: z.literal('frontendOpenOrders'), user, dex: z.string().optional() }),
  z.object({ type: z.literal('clearinghouseState'), user, dex: z.string().optional() }),
  z.object({ type: z.literal('userFills'), user, aggregateByTime: z.boolean().optional() }),
  z.object({ type: z.literal('userRateLimit'), user }),
  z.object({
    type: z.literal('orderStatus'),
    user,
    oid: z.union([z.number().int().nonnegative(), z.string().regex(/^0x[0-9a-fA-F]{32}$/)]),
  }),
]);
export type InfoRequest = z.infer<typeof infoRequestSchema>;
