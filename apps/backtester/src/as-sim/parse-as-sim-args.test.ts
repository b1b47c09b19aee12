import { ConfigError } from '@mm/core';
import { describe, expect, it } from 'vitest';
import { parseAsSimArgs } from './parse-as-sim-args.js';

/** The ConfigError thrown for `argv`, with its issues as `field: problem` for compact asserts. */
function configErrorOf(argv: string[]): { error: ConfigError; fields: string[] } {
  try {
    parseAsSimArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    return { error: configError, fields: configError.issues.map((issue) => issue.field) };
  }
  throw new Error(`expected a ConfigError for ${argv.join(' ')}`);
}

describe('parseAsSimArgs', () => {
  it("parses the required flags and fills the paper's setting", () => {
    expect(parseAsSimArgs(['--gamma', '0.1', '--paths', '1000', '--seed', '1'])).toEqual({
      gamma: 0.1,
      paths: 1000,
      seed: 1,
      sigma: 2,
      s0: 100,
      T: 1,
      dt: 0.005,
      kappa: 1.5,
      A: 140,
    });
  });

  it('takes overrides, in any order, also as --flag=value', () => {
    const config = parseAsSimArgs([
      '--seed=9',
      '--A',
      '100',
      '--kappa',
      '2',
      '--dt=0.01',
      '--T',
      '2',
      '--s0',
      '-5',
      '--sigma',
      '1e-1',
      '--paths',
      '3',
      '--gamma',
      '.5',
    ]);
    expect(config).toEqual({ gamma: 0.5, paths: 3, seed: 9, sigma: 0.1, s0: -5, T: 2, dt: 0.01, kappa: 2, A: 100 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names an unknown flag', () => {
    const { error, fields } = configErrorOf(['--gamma', '0.1', '--paths', '10', '--seed', '1', '--gama', '0.2']);
    expect(fields).toEqual(['--gama']);
    expect(error.message).toContain('--gama');
  });

  it('names a flag whose value is not a number', () => {
    for (const value of ['abc', '', '0x10', '1,5', 'NaN', 'Infinity']) {
      expect(configErrorOf(['--gamma', value, '--paths', '10', '--seed', '1']).fields).toEqual(['--gamma']);
    }
  });

  it('names a flag whose value is out of range', () => {
    expect(configErrorOf(['--gamma', '0', '--paths', '10', '--seed', '1']).fields).toEqual(['--gamma']);
    expect(configErrorOf(['--gamma', '-0.1', '--paths', '10', '--seed', '1']).fields).toEqual(['--gamma']);
    expect(configErrorOf(['--gamma', '0.1', '--paths', '2.5', '--seed', '1']).fields).toEqual(['--paths']);
    expect(configErrorOf(['--gamma', '0.1', '--paths', '0', '--seed', '1']).fields).toEqual(['--paths']);
    expect(configErrorOf(['--gamma', '0.1', '--paths', '10', '--seed', '-1']).fields).toEqual(['--seed']);
    expect(configErrorOf(['--gamma', '0.1', '--paths', '10', '--seed', '1', '--kappa', '1e400']).fields).toEqual(['--kappa']);
    expect(configErrorOf(['--gamma', '0.1', '--paths', '10', '--seed', '1', '--dt', '0.3']).fields).toEqual(['--dt']);
  });

  it('names every missing required flag', () => {
    const { error, fields } = configErrorOf(['--paths', '10']);
    expect(fields).toEqual(['--gamma', '--seed']);
    expect(error.message).toContain('is required');
  });

  it('names a flag without a value, a repeated flag and a stray word', () => {
    expect(configErrorOf(['--gamma', '--paths', '10', '--seed', '1']).fields).toEqual(['--gamma']);
    expect(configErrorOf(['--gamma', '0.1', '--paths', '10', '--seed']).fields).toEqual(['--seed']);
    expect(configErrorOf(['--gamma', '0.1', '--gamma', '0.2', '--paths', '10', '--seed', '1']).fields).toEqual(['--gamma']);
    expect(configErrorOf(['as-sim', '--gamma', '0.1', '--paths', '10', '--seed', '1']).fields).toEqual(['as-sim']);
  });
});
