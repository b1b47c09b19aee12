import { describe, expect, it } from 'vitest';
import * as asSim from './index.js';

describe('as-sim public surface', () => {
  it('exports the simulation, the flag parser and the command', () => {
    expect(Object.keys(asSim).sort()).toEqual([
      'asSimMain',
      'avellanedaStoikovSimulationOptionsSchema',
      'parseAsSimArgs',
      'runAvellanedaStoikovSimulation',
      'seededRandom',
    ]);
  });
});
