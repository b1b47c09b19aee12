import { z } from 'zod';

const user = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((text) => text.toLowerCase());

/** `POST /info` bodies the venue answers; unknown keys are tolerated, as on the venue. */
export const infoRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meta'), dex: z.string().optional() }),
  z.object({ type: z.literal('spotMeta') }),
  z.object({ type: z.literal('outcomeMeta') }),
  z.object({ type: z.literal('perpDexs') }),
  z.object({ type: z.literal('metaAndAssetCtxs') }),
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
