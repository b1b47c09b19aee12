export { closestName, editDistance } from './closest-name.js';
export {
  EXIT_CODES_LINE,
  formatHelp,
  parseCommandLine,
  UsageError,
  withoutLeadingSeparator,
  type CommandLine,
  type CommandSpec,
  type FlagSpec,
  type FlagValues,
} from './command-line.js';
export { startProgress, type Progress, type ProgressOptions, type ProgressStream } from './progress.js';
export {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  executeCommand,
  executeProgram,
  formatProgramHelp,
  isCommandLineError,
  processOutput,
  reportFailure,
  runCli,
  runProgram,
  type CliCommand,
  type CliOutput,
  type CliProgram,
  type CommandHandler,
  type CommandRun,
} from './run-cli.js';
export { packageVersion, resolveUserPath, userDirectory } from './user-path.js';
