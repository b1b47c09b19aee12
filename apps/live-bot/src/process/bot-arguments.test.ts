import { describe, expect, it } from 'vitest';
import { parseBotArguments } from './bot-arguments.js';

describe('parseBotArguments', () => {
  it('runs with no arguments, prints help for --help and -h', () => {
    expect(parseBotArguments([])).toEqual({ kind: 'run' });
    expect(parseBotArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseBotArguments(['-h'])).toEqual({ kind: 'help' });
  });

  it('refuses unknown flags and positionals instead of starting', () => {
    expect(parseBotArguments(['--paper'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('--paper') });
    expect(parseBotArguments(['go'])).toMatchObject({ kind: 'usage-error' });
  });
});
