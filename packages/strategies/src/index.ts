export * from './basic-strategy.js';
export * from './mid-volatility.js';
