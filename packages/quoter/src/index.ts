// Avellaneda–Stoikov
export { reservationPrice, type ReservationPriceInput } from './reservation-price.js';
export { optimalSpread, type OptimalSpreadInput } from './optimal-spread.js';
export {
  avellanedaStoikovQuote,
  type AvellanedaStoikovHorizon,
  type AvellanedaStoikovInput,
  type AvellanedaStoikovQuote,
} from './avellaneda-stoikov-quote.js';

// Guéant–Lehalle–Fernandez-Tapia
export { glftCoefficients, type GlftCoefficients, type GlftCoefficientsInput } from './glft-coefficients.js';
export { glftQuote, type GlftQuote, type GlftQuoteInput } from './glft-quote.js';

// Practical quoter
export {
  defaultLevelSizeShares,
  parseQuoteEngineConfig,
  quoteEngineConfigSchema,
  type QuoteEngineConfig,
  type QuoteEngineConfigInput,
} from './quote-engine-config.js';
export { practicalSpread, type PracticalSpread, type PracticalSpreadInput } from './practical-spread.js';
export { QuoteEngine, type QuoteEngineInput, type QuoteEngineQuotes, type SideQuoteControl } from './quote-engine.js';

// Grid and orders
export { buildLadder, type BuildLadderInput, type LadderLevelTarget } from './build-ladder.js';
export {
  diffQuotes,
  isWithinTolerance,
  parseQuoteDiffTolerance,
  quoteDiffToleranceSchema,
  type DiffQuotesOptions,
  type QuoteDiffTolerance,
  type QuoteDiffToleranceInput,
} from './diff-quotes.js';
