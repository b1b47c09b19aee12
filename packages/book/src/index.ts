export * from './level-buffer.js';
export * from './order-book-side.js';
export * from './order-book.js';
