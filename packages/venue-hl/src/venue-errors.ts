import { MmError } from '@mm/core';

/**
 * A request the venue refuses as a whole. `httpStatus` 200 with `{status:"err"}` is how Hyperliquid
 * answers most refusals (unknown signer, bad nonce); 422 is its answer to a body it cannot parse.
 */
export class VenueRequestError extends MmError {
  constructor(
    message: string,
    readonly httpStatus: 200 | 400 | 422 | 429 | 500 | 503,
    context: Record<string, unknown> = {},
  ) {
    super(message, { code: 'VENUE_REQUEST', context: { httpStatus, ...context } });
  }
}

/** The body is not what the endpoint deserialises (the venue's 422 text). */
export function undeserializableBody(detail: string): VenueRequestError {
  return new VenueRequestError('Failed to deserialize the JSON body into the target type', 422, { detail });
}
