// Starting the venue
export * from './start-hyperliquid-venue.js';
export * from './venue-options.js';
export * from './system-clock.js';
export * from './venue-faults.js';
export * from './venue-errors.js';

// Signing and authentication
export * from './l1-action-hash.js';
export * from './recover-l1-signer.js';
export * from './recover-user-signed-signer.js';
export * from './nonce-registry.js';
export * from './signer-directory.js';

// Market replay
export * from './market-capture.js';
export * from './market-replay.js';
export * from './replayed-market.js';
export * from './aggregate-levels.js';

// Venue state and rules
export * from './venue-core.js';
export * from './due-action-scheduler.js';
export * from './check-order-wire.js';
export * from './venue-rejects.js';
export * from './dead-mans-switch.js';
export * from './order-ledger.js';
export * from './account-ledger.js';
export * from './position.js';
export * from './venue-feed.js';
export * from './fee-schedule.js';
export * from './candle-series.js';
export * from './venue-ids.js';

// Wire protocol
export * from './exchange-schemas.js';
export * from './info-schemas.js';
export * from './exchange-actions.js';
export * from './info-queries.js';
export * from './account-views.js';
export * from './subscription-channels.js';
export * from './wire-types.js';
export * from './wire-format.js';
export * from './wire-fill.js';
export * from './binance-market-capture.js';
