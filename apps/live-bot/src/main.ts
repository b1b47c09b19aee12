import { LIVE_BOT_USAGE, parseBotArguments } from './process/bot-arguments.js';
import { quietSqliteExperimentalWarning } from './process/quiet-sqlite-warning.js';

// Arguments first: --help (or a typo) must never get as far as quoting.
const parsed = parseBotArguments(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(LIVE_BOT_USAGE);
  process.exit(0);
}
if (parsed.kind === 'usage-error') {
  console.error(`live-bot: ${parsed.message}\n\n${LIVE_BOT_USAGE}`);
  process.exit(2);
}
// Before anything loads node:sqlite (static imports would load it before this line runs).
quietSqliteExperimentalWarning();
await import('./run-bot.js');
