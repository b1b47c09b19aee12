import { cancelStatusSchema, orderStatusSchema } from './venue-schemas.js';

/** One entry of an `order`/`batchModify` answer's `statuses[]`, classified. */
export type OrderStatus =
  | { kind: 'resting'; oid: string }
  | { kind: 'filled'; oid: string; totalSz: string; avgPx: string }
  | { kind: 'error'; message: string }
  /** waitingForFill / waitingForTrigger / missing / unknown shape: the streams or a reconcile tell the rest. */
  | { kind: 'other' };

export function classifyOrderStatus(raw: unknown): OrderStatus {
  const parsed = orderStatusSchema.safeParse(raw);
  if (!parsed.success || typeof parsed.data === 'string') return { kind: 'other' };
  const value = parsed.data as {
    resting?: { oid: string };
    filled?: { oid: string; totalSz: string; avgPx: string };
    error?: string;
  };
  if (value.resting !== undefined) return { kind: 'resting', oid: value.resting.oid };
  if (value.filled !== undefined) return { kind: 'filled', ...value.filled };
  if (value.error !== undefined) return { kind: 'error', message: value.error };
  return { kind: 'other' };
}

export type CancelStatus = { kind: 'success' } | { kind: 'error'; message: string } | { kind: 'other' };

export function classifyCancelStatus(raw: unknown): CancelStatus {
  const parsed = cancelStatusSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'other' };
  if (parsed.data === 'success') return { kind: 'success' };
  if (typeof parsed.data === 'object') return { kind: 'error', message: parsed.data.error };
  return { kind: 'other' };
}
