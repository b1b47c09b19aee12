export { LevelBuffer } from './level-buffer.js';
export { OrderBookSide, type BookSide, type LevelVisitor } from './order-book-side.js';
export { OrderBook, orderBookOptionsSchema, type BookLevels, type OrderBookOptions } from './order-book.js';
