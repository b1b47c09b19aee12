import { z } from 'zod';

/**
 * Lenient schemas of what the venue sends: unknown keys pass (the venue adds fields over time),
 * ids may be numbers or strings (ccxt fixtures carry `tid` as text), only what we use is required.
 */
const id = z.union([z.number(), z.string()]).transform((value) => String(value));
const decimal = z.union([z.string(), z.number()]).transform((value) => String(value));

export const orderStatusSchema = z.union([
  z.looseObject({ resting: z.looseObject({ oid: id, cloid: z.string().optional() }) }),
  z.looseObject({
    filled: z.looseObject({ totalSz: decimal, avgPx: decimal, oid: id, cloid: z.string().optional() }),
  }),
  z.looseObject({ error: z.string() }),
  z.string(),
]);
export type WireOrderStatus = z.output<typeof orderStatusSchema>;

export const cancelStatusSchema = z.union([z.literal('success'), z.looseObject({ error: z.string() }), z.string()]);
export type WireCancelStatus = z.output<typeof cancelStatusSchema>;

/** `{status:"ok", response:{type, data:{statuses}}}` or `{status:"err", response:"text"}`. */
export const bulkResponseSchema = z.union([
  z.looseObject({
    status: z.literal('ok'),
    response: z.looseObject({
      type: z.string(),
      data: z.looseObject({ statuses: z.array(z.unknown()) }).optional(),
    }),
  }),
  z.looseObject({ status: z.literal('err'), response: z.string() }),
]);
export type WireBulkResponse = z.output<typeof bulkResponseSchema>;

export const userFillSchema = z.looseObject({
  coin: z.string(),
  px: decimal,
  sz: decimal,
  side: z.enum(['B', 'A']),
  time: z.number(),
  oid: id,
  tid: id,
  crossed: z.boolean(),
  fee: decimal,
  cloid: z.string().nullish(),
});
export type WireUserFill = z.output<typeof userFillSchema>;

export const userFillsEventSchema = z.looseObject({
  user: z.string().optional(),
  isSnapshot: z.boolean().optional(),
  fills: z.array(userFillSchema),
});

export const orderUpdateSchema = z.looseObject({
  order: z.looseObject({
    coin: z.string(),
    side: z.enum(['B', 'A']),
    limitPx: decimal,
    sz: decimal,
    oid: id,
    origSz: decimal.optional(),
    cloid: z.string().nullish(),
  }),
  status: z.string(),
  statusTimestamp: z.number(),
});
export type WireOrderUpdate = z.output<typeof orderUpdateSchema>;
export const orderUpdatesEventSchema = z.array(orderUpdateSchema);

export const openOrderSchema = z.looseObject({
  coin: z.string(),
  side: z.enum(['B', 'A']),
  limitPx: decimal,
  sz: decimal,
  oid: id,
  cloid: z.string().nullish(),
});
export type WireOpenOrder = z.output<typeof openOrderSchema>;
export const openOrdersSchema = z.array(openOrderSchema);

export const clearinghouseStateSchema = z.looseObject({
  assetPositions: z.array(
    z.looseObject({
      position: z.looseObject({ coin: z.string(), szi: decimal, entryPx: decimal.nullish() }),
    }),
  ),
});

const levelSchema = z.looseObject({ px: decimal, sz: decimal });
export const l2BookSchema = z.looseObject({
  coin: z.string(),
  time: z.number(),
  levels: z.tuple([z.array(levelSchema), z.array(levelSchema)]),
});
export type WireL2Book = z.output<typeof l2BookSchema>;

function isPlainLevelList(levels: unknown): boolean {
  if (!Array.isArray(levels)) return false;
  for (let index = 0; index < levels.length; index += 1) {
    const level: unknown = levels[index];
    if (typeof level !== 'object' || level === null) return false;
    const { px, sz } = level as { px?: unknown; sz?: unknown };
    if (typeof px !== 'string' || typeof sz !== 'string') return false;
  }
  return true;
}

/**
 * An `l2Book` frame checked as `l2BookSchema` checks it, by hand, for the shape the venue sends
 * (prices and sizes as text): every frame passes here, and zod's walk over 40 level objects was as
 * costly as the engine's whole handling of the frame. Anything else (numbers for px/sz, a missing
 * field) goes to the schema, which converts what it accepts and names what it refuses.
 */
export function parseL2Book(data: unknown): z.ZodSafeParseResult<WireL2Book> {
  if (typeof data === 'object' && data !== null) {
    const { coin, time, levels } = data as { coin?: unknown; time?: unknown; levels?: unknown };
    if (
      typeof coin === 'string' &&
      typeof time === 'number' &&
      Number.isFinite(time) &&
      Array.isArray(levels) &&
      levels.length === 2 &&
      isPlainLevelList(levels[0]) &&
      isPlainLevelList(levels[1])
    )
      return { success: true, data: data as WireL2Book };
  }
  return l2BookSchema.safeParse(data);
}

export const tradesSchema = z.array(
  z.looseObject({ coin: z.string(), side: z.enum(['B', 'A']), px: decimal, sz: decimal, time: z.number(), tid: id }),
);

/** `userRole`: what an address is to the venue (an agent names the account it trades for). */
export const userRoleSchema = z.union([
  z.looseObject({ role: z.literal('agent'), data: z.looseObject({ user: z.string() }) }),
  z.looseObject({ role: z.string() }),
]);

export const perpMetaSchema = z.looseObject({
  universe: z.array(z.looseObject({ name: z.string(), szDecimals: z.number().int(), isDelisted: z.boolean().optional() })),
});
