export * from './basic-strategy.js';
export * from './mid-volatility.js';
export * from './order-budget.js';
export * from './per-symbol-strategies.js';
export * from './adaptive-strategy.js';
export * from './fixed-offset-strategy.js';
