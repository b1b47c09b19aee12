import { quietSqliteExperimentalWarning } from './process/quiet-sqlite-warning.js';

// Before anything loads node:sqlite (static imports would load it before this line runs).
quietSqliteExperimentalWarning();
await import('./run-bot.js');
