import { executeCommand, packageVersion } from '@mm/cli';
import { LIVE_BOT_COMMAND } from './process/bot-arguments.js';
import { quietSqliteExperimentalWarning } from './process/quiet-sqlite-warning.js';

// Arguments first: --help, --version (or a typo) must never get as far as quoting.
process.exitCode = await executeCommand(
  {
    spec: LIVE_BOT_COMMAND,
    run: async () => {
      // Before anything loads node:sqlite (static imports would load it before this line runs).
      quietSqliteExperimentalWarning();
      // run-bot ends the process itself: after a confirmed shutdown (0) or a failure (1).
      await import('./run-bot.js');
    },
  },
  process.argv.slice(2),
  packageVersion(import.meta.dirname),
);
