import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSoakArguments } from './soak-arguments.js';

describe('soak arguments', () => {
  it('defaults to 1000 faults, a day at most, seed 1, a fresh folder outside the repository', () => {
    const parsed = parseSoakArguments([], new Date('2026-01-02T03:04:05.678Z'));
    expect(parsed).toEqual({
      kind: 'run',
      faults: 1000,
      minutes: 1440,
      seed: 1,
      outDir: path.join(tmpdir(), 'mm-soak-2026-01-02T03-04-05-678Z'),
      dataPath: undefined,
    });
  });

  it("takes pnpm's leading -- and the flags", () => {
    const parsed = parseSoakArguments(['--', '--faults', '40', '--minutes', '3', '--seed', '9', '--out', 'x']);
    expect(parsed).toMatchObject({ kind: 'run', faults: 40, minutes: 3, seed: 9, outDir: path.resolve('x') });
  });

  it('names the flag of a bad value, and refuses unknown flags', () => {
    expect(parseSoakArguments(['--faults', '0'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('--faults') });
    expect(parseSoakArguments(['--faults', 'many'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('--faults') });
    expect(parseSoakArguments(['--fault', '3'])).toMatchObject({ kind: 'usage-error' });
    expect(parseSoakArguments(['-h'])).toEqual({ kind: 'help' });
  });
});
