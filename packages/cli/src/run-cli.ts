import { ConfigError, MmError } from '@mm/core';
import { closestName } from './closest-name.js';
import {
  EXIT_CODES_LINE,
  formatHelp,
  parseCommandLine,
  UsageError,
  withoutLeadingSeparator,
  type CommandSpec,
  type FlagValues,
} from './command-line.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Where a CLI writes; tests pass their own. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export interface CommandRun {
  values: FlagValues;
  positionals: string[];
  /** The arguments as given (without the `--` pnpm passes through), for a command that validates them itself. */
  argv: string[];
}

/** A command's work: resolves to its exit code (nothing: 0). A long-running server resolves once it is up. */
export type CommandHandler = (run: CommandRun) => Promise<number | void> | number | void;

export interface CliCommand {
  spec: CommandSpec;
  run: CommandHandler;
}

/**
 * Runs one command line and returns the exit code: help and version print to stdout and give 0;
 * a usage error (see isCommandLineError; nothing ran) prints the message and the usage to stderr
 * and gives 2; any other MmError prints its message, no stack,
 * and gives 1. A system error (ENOENT, EACCES) prints its message; anything else is a bug and
 * keeps its stack.
 */
export async function executeCommand(
  command: CliCommand,
  argv: readonly string[],
  version: string,
  output: CliOutput = processOutput,
): Promise<number> {
  const { spec } = command;
  try {
    const line = parseCommandLine(spec, argv);
    if (line.kind === 'help') {
      output.out(formatHelp(spec));
      return EXIT_OK;
    }
    if (line.kind === 'version') {
      output.out(`${spec.name} ${version}`);
      return EXIT_OK;
    }
    return (await command.run({ values: line.values, positionals: line.positionals, argv: withoutLeadingSeparator(argv) })) ?? EXIT_OK;
  } catch (error) {
    return reportFailure(error, spec, output);
  }
}

/**
 * The command line itself is wrong: a UsageError, or a ConfigError whose every issue names a
 * `--flag` (a flag's value failed its schema). A ConfigError about settings (an environment key,
 * a field of a config file) is a runtime failure of a well-formed command.
 */
export function isCommandLineError(error: unknown): error is MmError {
  if (error instanceof UsageError) return true;
  return error instanceof ConfigError && error.issues.length > 0 && error.issues.every((issue) => issue.field.startsWith('-'));
}

/** How a failure is shown and which exit code it gives (see executeCommand). */
export function reportFailure(error: unknown, spec: Pick<CommandSpec, 'name' | 'usage'>, output: CliOutput): number {
  if (isCommandLineError(error)) {
    output.err(
      `${spec.name}: ${error.message}\nUsage: ${spec.usage.join('\n       ')}\nAdd --help for every flag, its default and examples.`,
    );
    return EXIT_USAGE;
  }
  if (error instanceof MmError) {
    output.err(`${spec.name}: ${error.message}`);
    return EXIT_FAILURE;
  }
  if (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    (error as NodeJS.ErrnoException).syscall !== undefined
  ) {
    output.err(`${spec.name}: ${error.message}`);
    return EXIT_FAILURE;
  }
  output.err(
    `${spec.name}: unexpected failure (a bug; please report it with this trace):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return EXIT_FAILURE;
}

export interface CliProgram {
  /** The program's name in messages: `backtester`. */
  name: string;
  version: string;
  summary: string;
  /** How its commands are typed: `npx -y pnpm@10 --filter backtester run <command> -- [flags]`. */
  usage: readonly string[];
  commands: Readonly<Record<string, CliCommand>>;
}

/** A program with sub-commands: `<command> [flags]`, each sub-command with its own --help. */
export async function executeProgram(program: CliProgram, argv: readonly string[], output: CliOutput = processOutput): Promise<number> {
  const [command, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  const names = Object.keys(program.commands);
  if (command === '--help' || command === '-h') {
    output.out(formatProgramHelp(program));
    return EXIT_OK;
  }
  if (command === '--version') {
    output.out(`${program.name} ${program.version}`);
    return EXIT_OK;
  }
  const chosen = command === undefined ? undefined : program.commands[command];
  if (chosen === undefined) {
    const closest = command === undefined ? undefined : closestName(command, names);
    const problem =
      command === undefined
        ? 'no command given'
        : `unknown command '${command}'${closest === undefined ? '' : `: did you mean ${closest}?`}`;
    output.err(`${program.name}: ${problem}\n\n${formatProgramHelp(program)}`);
    return EXIT_USAGE;
  }
  return executeCommand(chosen, rest, program.version, output);
}

export function formatProgramHelp(program: CliProgram): string {
  const width = Math.max(...Object.keys(program.commands).map((name) => name.length));
  return [
    `Usage: ${program.usage.join('\n       ')}`,
    program.summary,
    `Commands:\n${Object.entries(program.commands)
      .map(([name, command]) => `  ${name.padEnd(width)}  ${command.spec.summary}`)
      .join('\n')}`,
    `'<command> --help' shows a command's flags, defaults and examples; --version prints the version.`,
    EXIT_CODES_LINE,
  ].join('\n\n');
}

/** The process entry: runs a command and sets the exit code (the process ends when its work has). */
export async function runCli(command: CliCommand, version: string, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await executeCommand(command, argv, version);
}

/** The process entry of a program with sub-commands. */
export async function runProgram(program: CliProgram, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await executeProgram(program, argv);
}
