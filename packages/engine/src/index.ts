export * from './engine.js';
export * from './strategy.js';
export * from './order-registry.js';
export * from './timed-queue.js';
export * from './live-driver.js';
export * from './system-clock.js';
