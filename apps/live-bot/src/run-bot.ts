import { existsSync } from 'node:fs';
import path from 'node:path';
import { MmError } from '@mm/core';
import { loadBotConfig, quotingWarnings } from './config/bot-config.js';
import { startBot } from './bot.js';
import { createBotLogOutput } from './process/log-output.js';
import { installShutdownSignals } from './process/shutdown-signals.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
// The seed's way: a .env next to the app (or at the repository root); real environment wins.
for (const file of [path.join(repositoryRoot, 'apps', 'live-bot', '.env'), path.join(repositoryRoot, '.env')]) {
  if (existsSync(file)) process.loadEnvFile(file);
}

try {
  const loaded = loadBotConfig(process.env, repositoryRoot);
  // Logs (for machines) to stderr or LOG_FILE, never stdout: stdout is the people's status output.
  const logOutput = createBotLogOutput({
    level: loaded.config.LOG_LEVEL,
    format: loaded.config.LOG_FORMAT,
    file: loaded.config.logFile,
    stderrIsTerminal: process.stderr.isTTY === true,
  });
  const logger = logOutput.logger;
  console.log(logOutput.description);
  for (const warning of quotingWarnings(loaded.config)) {
    logger.warn({ warning }, 'configuration quotes nothing');
    console.error(`warning: ${warning}`);
  }
  const bot = await startBot(loaded, logger, (text) => console.log(text));
  console.log(
    `market maker running (${loaded.config.HL_MODE}) on ${loaded.config.assets.map((asset) => asset.symbol).join(', ')}; Ctrl-C cancels every quote and exits`,
  );
  // Exit 0 after a clean stop, whoever sent the signal: pnpm then reports no failure.
  installShutdownSignals(
    bot,
    (line) => console.log(line),
    (code) => process.exit(code),
  );
  if (loaded.config.RUN_SECONDS > 0)
    setTimeout(() => void bot.stop(`ran ${loaded.config.RUN_SECONDS} s`), loaded.config.RUN_SECONDS * 1_000);
  await bot.stopped;
  process.exit(0);
} catch (error) {
  if (error instanceof MmError) {
    console.error(`live-bot: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
