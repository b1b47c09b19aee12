import { describe, expect, it } from 'vitest';
import { parseBotArguments } from './bot-arguments.js';

describe('parseBotArguments', () => {
  it('runs with no arguments (or only the -- pnpm passes through), prints help for --help and -h', () => {
    expect(parseBotArguments([])).toEqual({ kind: 'run' });
    expect(parseBotArguments(['--'])).toEqual({ kind: 'run' });
    expect(parseBotArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseBotArguments(['-h'])).toEqual({ kind: 'help' });
    expect(parseBotArguments(['--version'])).toEqual({ kind: 'version' });
  });

  it('refuses unknown flags and positionals instead of starting, suggesting the flag meant', () => {
    expect(parseBotArguments(['--paper'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('--paper') });
    expect(parseBotArguments(['--hepl'])).toEqual({ kind: 'usage-error', message: "Unknown option '--hepl': did you mean --help?" });
    expect(parseBotArguments(['go'])).toMatchObject({ kind: 'usage-error' });
  });
});
