import { describe, expect, it } from 'vitest';
import { avellanedaStoikovSimulationFields } from './as-sim/run-avellaneda-stoikov-simulation.js';
import { asSimSpec, bookSpec, convertSpec, replaySpec } from './cli-commands.js';
import { bookFlagsSchema } from './commands/book-command.js';
import { convertFlagsSchema } from './commands/convert-command.js';
import { replayFlagsSchema } from './commands/replay-command.js';

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

// The help and the closest-flag hints come from the specs; the values are checked by each
// command's schema. A flag in one and not the other would be refused, or missing from the help.
describe('each command spec lists exactly the flags its command accepts', () => {
  it.each([
    ['replay', replaySpec, Object.keys(replayFlagsSchema.shape).map(kebab)],
    ['book', bookSpec, Object.keys(bookFlagsSchema.shape).map(kebab)],
    ['convert', convertSpec, Object.keys(convertFlagsSchema.shape).map(kebab)],
    ['as-sim', asSimSpec, Object.keys(avellanedaStoikovSimulationFields)],
  ])('%s', (_name, spec, accepted) => {
    expect(Object.keys(spec.flags).sort()).toEqual([...accepted].sort());
  });

  it.each([
    ['replay', replaySpec, replayFlagsSchema.shape],
    ['book', bookSpec, bookFlagsSchema.shape],
    ['convert', convertSpec, convertFlagsSchema.shape],
    ['as-sim', asSimSpec, avellanedaStoikovSimulationFields],
  ] as const)('%s marks as required exactly what its schema refuses to miss', (_name, spec, shape) => {
    const required = Object.entries(spec.flags)
      .filter(([, flag]) => flag.required === true)
      .map(([name]) => name);
    const schemaRequired = Object.entries(shape as Record<string, { safeParse(value: unknown): { success: boolean } }>)
      .filter(([, field]) => !field.safeParse(undefined).success)
      .map(([key]) => kebab(key));
    expect(required.sort()).toEqual(schemaRequired.sort());
  });
});
