export * from './position-tracker-config.js';
export * from './position-tracker.js';
export * from './portfolio.js';
export * from './inventory-ladder-config.js';
export * from './inventory-ladder.js';
export * from './max-order-lots.js';
export * from './max-position-lots-for-notional.js';
export * from './fill-id-window.js';
