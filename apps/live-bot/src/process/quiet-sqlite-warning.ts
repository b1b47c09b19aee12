/**
 * node:sqlite prints "ExperimentalWarning: SQLite is an experimental feature" on every start. The
 * journal depends on it knowingly (Node >= 22.12 is required, its API is stable enough for our
 * use), and the line worries users, so this one warning is dropped; every other warning still shows.
 * Must run before node:sqlite is loaded (main.ts imports the bot dynamically after it).
 */
export function quietSqliteExperimentalWarning(): void {
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning instanceof Error ? warning.message : '';
    if (text.startsWith('SQLite is an experimental feature')) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}
