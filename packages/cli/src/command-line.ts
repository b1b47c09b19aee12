import { parseArgs } from 'node:util';
import { MmError } from '@mm/core';
import { closestName } from './closest-name.js';

/** One flag of a command, as node:util.parseArgs takes it plus what the help prints. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Applied when the flag is absent, and printed in the help. */
  default?: string | boolean | string[];
  /** Printed as the default when it is computed elsewhere (`the venue's rule`). */
  defaultText?: string;
  /** The value's placeholder in the help: `<file>[,<file>...]`. */
  value?: string;
  description: string;
  required?: boolean;
}

export interface CommandSpec {
  /** What the user typed, for messages: `backtester replay`. */
  name: string;
  /** One line: what the command does. */
  summary: string;
  /** The usage lines, as the user would type them. */
  usage: readonly string[];
  flags: Readonly<Record<string, FlagSpec>>;
  /** Positional arguments, when the command takes any (otherwise one is a usage error). */
  positionals?: readonly { name: string; description: string }[];
  examples: readonly string[];
  /** Free text after the flags (models, formats, what is written where). */
  notes?: string;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export type CommandLine = { kind: 'run'; values: FlagValues; positionals: string[] } | { kind: 'help' } | { kind: 'version' };

/**
 * The command line is wrong: an unknown or misspelt flag, a missing value, a missing required
 * flag. Nothing has run; the CLI prints the message and the usage and exits 2.
 */
export class UsageError extends MmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { code: 'USAGE', context });
  }
}

const BUILT_IN_FLAGS: Readonly<Record<string, FlagSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'print this help and exit' },
  version: { type: 'boolean', description: 'print the version and exit' },
};

/** pnpm passes the `--` of `pnpm run x -- --flag` through; it is not the user's. */
export function withoutLeadingSeparator(argv: readonly string[]): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}

/**
 * Parses a command line strictly against `spec`. `--help`/`-h` and `--version` win over anything
 * else on the line (a typo beside `--help` still shows the help). Throws UsageError naming the
 * closest known flag for an unknown one.
 */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): CommandLine {
  const args = withoutLeadingSeparator(argv);
  const beforeSeparator = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (beforeSeparator.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  if (beforeSeparator.includes('--version')) return { kind: 'version' };
  const flags = { ...spec.flags, ...BUILT_IN_FLAGS };
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = {
      type: flag.type,
      ...(flag.short === undefined ? {} : { short: flag.short }),
      ...(flag.multiple === true ? { multiple: true } : {}),
    };
  }
  let parsed: { values: FlagValues; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: (spec.positionals?.length ?? 0) > 0 }) as typeof parsed;
  } catch (error) {
    throw usageErrorFrom(error, Object.keys(flags));
  }
  const values: FlagValues = { ...parsed.values };
  for (const [name, flag] of Object.entries(spec.flags)) {
    if (values[name] === undefined && flag.default !== undefined) values[name] = flag.default;
    if (flag.required === true && values[name] === undefined) {
      throw new UsageError(`missing --${name} ${flag.value ?? '<value>'} (required: ${flag.description})`, { flag: `--${name}` });
    }
  }
  const allowed = spec.positionals?.length ?? 0;
  if (parsed.positionals.length > allowed) {
    throw new UsageError(`unexpected argument '${parsed.positionals[allowed]}'`, { argument: parsed.positionals[allowed] });
  }
  return { kind: 'run', values, positionals: parsed.positionals };
}

/** parseArgs' own error, kept word for word, with the closest flag for an unknown one. */
function usageErrorFrom(error: unknown, known: readonly string[]): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = /'(-{1,2}[^']*)'/.exec(message)?.[1] ?? '';
    const closest = closestName(typed.replace(/^-+/, '').split('=')[0]!, known);
    // parseArgs goes on about '--' positionals; the typo and the suggestion are what help.
    return new UsageError(`Unknown option '${typed}'${closest === undefined ? '' : `: did you mean --${closest}?`}`, { flag: typed });
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
    return new UsageError(`unexpected argument '${argument}': flags look like --name value`, { argument });
  }
  return new UsageError(message);
}

/** The help text: usage, what it does, every flag with its default, examples, exit codes. */
export function formatHelp(spec: CommandSpec): string {
  const rows: [string, string][] = [];
  for (const [name, flag] of Object.entries({ ...spec.flags, ...BUILT_IN_FLAGS })) {
    const left = `${flag.short === undefined ? '    ' : `-${flag.short}, `}--${name}${flag.type === 'string' ? ` ${flag.value ?? '<value>'}` : ''}`;
    const defaultText =
      flag.defaultText ??
      (flag.default === undefined || flag.default === false
        ? undefined
        : Array.isArray(flag.default)
          ? flag.default.join(',')
          : String(flag.default));
    const right = `${flag.description}${flag.required === true ? ' (required)' : ''}${defaultText === undefined ? '' : ` (default: ${defaultText})`}`;
    rows.push([left, right]);
  }
  const width = Math.min(36, Math.max(...rows.map(([left]) => left.length)));
  const flagLines = rows.map(([left, right]) =>
    left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`,
  );
  const sections = [
    `Usage: ${spec.usage.join('\n       ')}`,
    spec.summary,
    ...(spec.positionals === undefined || spec.positionals.length === 0
      ? []
      : [`Arguments:\n${spec.positionals.map((positional) => `  ${positional.name}  ${positional.description}`).join('\n')}`]),
    `Flags:\n${flagLines.join('\n')}`,
    ...(spec.examples.length === 0 ? [] : [`Examples:\n${spec.examples.map((example) => `  ${example}`).join('\n')}`]),
    ...(spec.notes === undefined ? [] : [spec.notes]),
    EXIT_CODES_LINE,
  ];
  return sections.join('\n\n');
}

export const EXIT_CODES_LINE = 'Exit codes: 0 ok, 1 runtime failure, 2 usage error (a bad command line: nothing ran).';
