// Avellaneda–Stoikov (2008) Monte-Carlo market: the paper's inventory strategy vs the symmetric benchmark.
export { asSimMain } from './as-sim-main.js';
export { parseAsSimArgs } from './parse-as-sim-args.js';
export {
  avellanedaStoikovSimulationOptionsSchema,
  runAvellanedaStoikovSimulation,
  type AvellanedaStoikovSimulationConfig,
  type AvellanedaStoikovSimulationOptions,
  type AvellanedaStoikovSimulationResult,
  type AvellanedaStoikovStrategyStats,
} from './run-avellaneda-stoikov-simulation.js';
export { seededRandom } from './seeded-random.js';
