import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pino, type DestinationStream, type Logger } from 'pino';

/** Where the logs go and how, settled once at start (LOG_FORMAT, LOG_FILE, LOG_LEVEL). */
export interface LogOutputSettings {
  level: string;
  format: 'auto' | 'json' | 'text';
  /** Absolute path, or undefined for stderr. */
  file: string | undefined;
  /** Whether stderr is a terminal (`process.stderr.isTTY`): decides `auto`. */
  stderrIsTerminal: boolean;
}

/** `auto` is text only when a person reads the logs live: stderr a terminal and no file. */
export function resolveLogFormat(settings: Pick<LogOutputSettings, 'format' | 'file' | 'stderrIsTerminal'>): 'json' | 'text' {
  if (settings.format !== 'auto') return settings.format;
  return settings.file === undefined && settings.stderrIsTerminal ? 'text' : 'json';
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

function textValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** One pino record as one readable line: `18:14:00.123 WARN  risk status changed status=WARNING reason="…"`. */
export function formatLogLine(record: Record<string, unknown>): string {
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 23) : '--:--:--.---';
  const level = (LEVEL_NAMES[record.level as number] ?? String(record.level)).padEnd(5);
  const fields = Object.entries(record)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${key}=${textValue(value)}`);
  return [time, level, String(record.msg ?? ''), ...fields].join(' ').trimEnd();
}

/** A pino destination writing each record, synchronously, to a file descriptor as text or as is. */
function fdStream(fd: number, format: 'json' | 'text'): DestinationStream {
  return {
    write(chunk: string) {
      if (format === 'json') {
        writeSync(fd, chunk);
        return;
      }
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        let text: string;
        try {
          text = formatLogLine(JSON.parse(line) as Record<string, unknown>);
        } catch {
          text = line;
        }
        writeSync(fd, `${text}\n`);
      }
    },
  };
}

export interface BotLogOutput {
  logger: Logger;
  /** One line for the start-up output: where the logs go, in what format, from what level. */
  description: string;
  close(): void;
}

/** Secrets never reach a log line: the key is kept out of the config, and redacted if it slips in. */
const REDACTED_PATHS = [
  'privateKey',
  '*.privateKey',
  'HL_PRIVATE_KEY',
  '*.HL_PRIVATE_KEY',
  'config.privateKey',
  'MM_MONITOR_TOKEN',
  '*.MM_MONITOR_TOKEN',
  'DISCORD_WEBHOOK_URL',
  '*.DISCORD_WEBHOOK_URL',
];

/**
 * The bot's logger. Logs never go to stdout: stdout carries the status block and the other lines
 * written for people, each in one write, so a log record cannot land inside a status block.
 */
export function createBotLogOutput(settings: LogOutputSettings): BotLogOutput {
  const format = resolveLogFormat(settings);
  let fd = 2;
  if (settings.file !== undefined) {
    mkdirSync(path.dirname(settings.file), { recursive: true });
    fd = openSync(settings.file, 'a');
  }
  const logger = pino({ level: settings.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, fdStream(fd, format));
  const where = settings.file === undefined ? 'stderr' : settings.file;
  const why = settings.format === 'auto' ? ` (LOG_FORMAT=auto: ${format === 'text' ? 'stderr is a terminal' : 'not a terminal'})` : '';
  return {
    logger,
    description:
      settings.level === 'silent' ? 'logs: off (LOG_LEVEL=silent)' : `logs: ${format} to ${where} from level ${settings.level}${why}`,
    close() {
      if (fd !== 2) closeSync(fd);
    },
  };
}
