export { BasicStrategy, basicStrategyConfigSchema, type BasicStrategyConfig, type BasicStrategyConfigInput } from './basic-strategy.js';
export { MidVolatility } from './mid-volatility.js';
export { OrderBudget } from './order-budget.js';
export { PerSymbolStrategies } from './per-symbol-strategies.js';
export {
  adaptiveSpreadConfigSchema,
  AdaptiveStrategy,
  adaptiveStrategyConfigSchema,
  type AdaptiveSpreadConfigInput,
} from './adaptive-strategy.js';
export {
  FixedOffsetStrategy,
  fixedOffsetStrategyConfigSchema,
  type FixedOffsetStrategyConfig,
  type FixedOffsetStrategyConfigInput,
} from './fixed-offset-strategy.js';
