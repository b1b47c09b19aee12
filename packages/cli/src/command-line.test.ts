import { describe, expect, it } from 'vitest';
import { formatHelp, parseCommandLine, UsageError, type CommandSpec } from './command-line.js';

const spec: CommandSpec = {
  name: 'demo convert',
  summary: 'Converts a capture.',
  usage: ['demo convert --data <file> --out <file.arrow>'],
  flags: {
    data: { type: 'string', value: '<file>', description: 'the capture', required: true },
    out: { type: 'string', value: '<file.arrow>', description: 'where to write', default: 'out.arrow' },
    symbol: { type: 'string', description: 'the symbol' },
    quiet: { type: 'boolean', short: 'q', description: 'no summary' },
  },
  examples: ['demo convert --data a.gz --out a.arrow'],
};

const usageErrorOf = (argv: string[]): UsageError => {
  try {
    parseCommandLine(spec, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('parseCommandLine', () => {
  it('parses flags, applies defaults and drops the -- pnpm passes through', () => {
    expect(parseCommandLine(spec, ['--', '--data', 'a.gz', '-q'])).toEqual({
      kind: 'run',
      values: { data: 'a.gz', out: 'out.arrow', quiet: true },
      positionals: [],
    });
    expect(parseCommandLine(spec, ['--data=a.gz', '--out', 'b.arrow'])).toMatchObject({ values: { data: 'a.gz', out: 'b.arrow' } });
  });

  it('--help, -h and --version win over anything else on the line', () => {
    expect(parseCommandLine(spec, ['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(spec, ['--dta', 'x', '-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(spec, ['--', '--version'])).toEqual({ kind: 'version' });
  });

  it('an unknown flag names the closest known one', () => {
    expect(usageErrorOf(['--dta', 'a.gz']).message).toBe("Unknown option '--dta': did you mean --data?");
    expect(usageErrorOf(['--data', 'a.gz', '--symbl=BTC']).message).toBe("Unknown option '--symbl': did you mean --symbol?");
    expect(usageErrorOf(['--data', 'a.gz', '--frobnicate']).message).toBe("Unknown option '--frobnicate'");
  });

  it('a missing required flag, a missing value and a stray argument are usage errors', () => {
    expect(usageErrorOf([]).message).toBe('missing --data <file> (required: the capture)');
    expect(usageErrorOf(['--data']).message).toContain("'--data");
    expect(usageErrorOf(['--data', 'a.gz', 'extra']).message).toContain("unexpected argument 'extra'");
  });
});

describe('formatHelp', () => {
  it('shows usage, every flag with its default, the built-in flags, examples and exit codes', () => {
    const help = formatHelp(spec);
    expect(help).toMatch(/^Usage: demo convert --data <file> --out <file.arrow>/);
    expect(help).toMatch(/--data <file>\s+the capture \(required\)/);
    expect(help).toMatch(/--out <file.arrow>\s+where to write \(default: out.arrow\)/);
    expect(help).toMatch(/-q, --quiet\s+no summary$/m);
    expect(help).toMatch(/-h, --help\s+print this help and exit/);
    expect(help).toContain('--version');
    expect(help).toContain('Examples:\n  demo convert --data a.gz --out a.arrow');
    expect(help).toContain('Exit codes: 0 ok, 1 runtime failure, 2 usage error');
  });
});
