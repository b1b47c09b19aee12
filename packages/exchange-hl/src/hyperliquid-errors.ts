import { MmError, VenueError } from '@mm/core';

export const HYPERLIQUID_VENUE = 'hyperliquid';

/** The adapter refused a request because it would exceed the per-IP weight budget. */
export class RequestBudgetError extends MmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { code: 'HL_REQUEST_BUDGET', context, isRetryable: true });
  }
}

/** A symbol the adapter was not configured with (no asset id, no szDecimals). */
export class UnknownMarketError extends MmError {
  constructor(symbol: string) {
    super(`Hyperliquid market '${symbol}' is not configured`, { code: 'HL_UNKNOWN_MARKET', context: { symbol } });
  }
}

/** The venue answered in a shape we do not understand, or not at all (transport failure). */
export class HyperliquidVenueError extends VenueError {
  constructor(message: string, options: { context?: Record<string, unknown>; cause?: unknown; isRetryable?: boolean } = {}) {
    super(message, { venue: HYPERLIQUID_VENUE, ...options });
  }
}

/** Text of any thrown value, for notifications (never includes secrets: the SDK never puts keys in messages). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
