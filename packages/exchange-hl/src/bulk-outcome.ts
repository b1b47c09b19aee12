import { ValidationError } from '@nktkas/hyperliquid';
import { ApiRequestError } from '@nktkas/hyperliquid/api/exchange';
import { AbstractWalletError } from '@nktkas/hyperliquid/signing';
import { errorText } from './hyperliquid-errors.js';
import { bulkResponseSchema } from './venue-schemas.js';

/**
 * What became of one exchange action:
 * - `statuses`: the venue answered per item (some may be errors; the SDK threw, the answer is kept);
 * - `rejected`: the whole action was refused for sure (top-level `status:"err"`, or it never left us);
 * - `unknown`: the request may or may not have reached the venue (timeout, dropped connection).
 */
export type BulkOutcome =
  { kind: 'statuses'; statuses: readonly unknown[] } | { kind: 'rejected'; reason: string } | { kind: 'unknown'; reason: string };

export function outcomeOfResponse(response: unknown): BulkOutcome {
  const parsed = bulkResponseSchema.safeParse(response);
  if (!parsed.success) return { kind: 'unknown', reason: `unrecognized response: ${JSON.stringify(response)?.slice(0, 200)}` };
  if (parsed.data.status === 'err') return { kind: 'rejected', reason: parsed.data.response };
  return { kind: 'statuses', statuses: parsed.data.response.data?.statuses ?? [] };
}

/** Runs an SDK exchange call and classifies its result, including a partly failed bulk (ApiRequestError). */
export async function runBulkAction(call: () => Promise<unknown>): Promise<BulkOutcome> {
  try {
    return outcomeOfResponse(await call());
  } catch (error) {
    if (error instanceof ApiRequestError) {
      const outcome = outcomeOfResponse(error.response);
      return outcome.kind === 'unknown' ? { kind: 'rejected', reason: error.message } : outcome;
    }
    // Failed before any I/O: nothing reached the venue.
    if (error instanceof ValidationError || error instanceof AbstractWalletError) {
      return { kind: 'rejected', reason: errorText(error) };
    }
    return { kind: 'unknown', reason: errorText(error) };
  }
}
