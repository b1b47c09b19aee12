import { existsSync } from 'node:fs';
import path from 'node:path';
import { MmError } from '@mm/core';
import { loadBotConfig, quotingWarnings } from './config/bot-config.js';
import { startBot } from './bot.js';
import { redactSecrets } from './process/redact-secrets.js';
import { createBotLogOutput } from './process/log-output.js';
import { installShutdownSignals } from './process/shutdown-signals.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
// The seed's way: a .env next to the app (or at the repository root); real environment wins.
for (const file of [path.join(repositoryRoot, 'apps', 'live-bot', '.env'), path.join(repositoryRoot, '.env')]) {
  if (existsSync(file)) process.loadEnvFile(file);
}

// The secrets as given (before validation: a refused key must not be printed either).
const secrets = [process.env.HL_PRIVATE_KEY, process.env.MM_MONITOR_TOKEN, process.env.DISCORD_WEBHOOK_URL];
/** A crash prints its stack, and a stack quotes whatever it was handed: never with a secret in it. */
const crash = (error: unknown): never => {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  console.error(`live-bot: crashed: ${redactSecrets(text, secrets)}`);
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

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
  // Orders left on the venue after the stop's cancels: not a clean stop (the message said so).
  process.exit((bot.ordersLeftAtStop() ?? 0) > 0 ? 3 : 0);
} catch (error) {
  if (error instanceof MmError) {
    console.error(`live-bot: ${redactSecrets(error.message, secrets)}`);
    process.exit(1);
  }
  crash(error);
}
