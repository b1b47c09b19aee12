import { ConfigError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { asSimMain } from './as-sim-main.js';
import { runAvellanedaStoikovSimulation } from './run-avellaneda-stoikov-simulation.js';

describe('asSimMain', () => {
  it('prints the simulation result as JSON, the same for the same seed', () => {
    const text = asSimMain(['--gamma', '0.1', '--paths', '50', '--seed', '4']);
    expect(JSON.parse(text)).toEqual(runAvellanedaStoikovSimulation({ gamma: 0.1, paths: 50, seed: 4 }));
    expect(asSimMain(['--seed', '4', '--paths', '50', '--gamma', '0.1'])).toBe(text);
  });

  it('passes overrides through', () => {
    const text = asSimMain(['--gamma', '0.1', '--paths', '20', '--seed', '1', '--sigma', '0']);
    expect(JSON.parse(text)).toEqual(runAvellanedaStoikovSimulation({ gamma: 0.1, paths: 20, seed: 1, sigma: 0 }));
  });

  it('throws the ConfigError of a bad flag', () => {
    expect(() => asSimMain(['--gamma', '0.1', '--paths', '20', '--seed', '1', '--sigma', 'x'])).toThrow(ConfigError);
    expect(() => asSimMain(['--gamma', '0.1', '--paths', '20', '--seed', '1', '--sigma', 'x'])).toThrow(/--sigma/);
  });
});
