import { parseAsSimArgs } from './parse-as-sim-args.js';
import { runAvellanedaStoikovSimulation } from './run-avellaneda-stoikov-simulation.js';

/**
 * The `as-sim` command without its I/O: flags in, the JSON text to print out. Throws the
 * `ConfigError` of `parseAsSimArgs` on bad flags; the CLI decides how to show it.
 */
export function asSimMain(argv: readonly string[]): string {
  return JSON.stringify(runAvellanedaStoikovSimulation(parseAsSimArgs(argv)), null, 2);
}
