// The public surface: start the local venue, point an SDK at its URLs, inject faults, close it.
// Everything else (signing checks, ledgers, wire schemas, replay) is internal to the venue.
export { startHyperliquidVenue, type RunningHyperliquidVenue, type StartVenueOptions } from './start-hyperliquid-venue.js';
export type { VenueAccount, VenueOptions, VenueOptionsInput } from './venue-options.js';
export { faultCommandSchema, type FaultCommand } from './venue-faults.js';
export type { HyperliquidVenueCore } from './venue-core.js';
