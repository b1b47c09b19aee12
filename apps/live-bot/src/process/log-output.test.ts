import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBotLogOutput, formatLogLine, resolveLogFormat } from './log-output.js';

describe('resolveLogFormat', () => {
  it('auto: readable text only for a person watching stderr live, JSON for pipes and files', () => {
    expect(resolveLogFormat({ format: 'auto', file: undefined, stderrIsTerminal: true })).toBe('text');
    expect(resolveLogFormat({ format: 'auto', file: undefined, stderrIsTerminal: false })).toBe('json');
    expect(resolveLogFormat({ format: 'auto', file: '/tmp/x.log', stderrIsTerminal: true })).toBe('json');
    expect(resolveLogFormat({ format: 'json', file: undefined, stderrIsTerminal: true })).toBe('json');
    expect(resolveLogFormat({ format: 'text', file: '/tmp/x.log', stderrIsTerminal: false })).toBe('text');
  });
});

describe('formatLogLine', () => {
  it('writes time, level, message, then the fields (strings with spaces quoted)', () => {
    const line = formatLogLine({
      level: 40,
      time: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
      pid: 1,
      hostname: 'h',
      msg: 'risk status changed',
      status: 'WARNING',
      reason: 'daily loss at 62%',
      limits: { a: 1 },
    });
    expect(line).toBe('03:04:05.678 WARN  risk status changed status=WARNING reason="daily loss at 62%" limits={"a":1}');
  });
});

describe('createBotLogOutput', () => {
  it('writes JSON records to LOG_FILE, with the secrets redacted, and says where in one line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'live-bot-log-'));
    const file = path.join(dir, 'sub', 'bot.log');
    try {
      const output = createBotLogOutput({ level: 'info', format: 'auto', file, stderrIsTerminal: true });
      output.logger.info({ HL_PRIVATE_KEY: '0xsecret', symbol: 'BTC' }, 'hello');
      output.logger.debug('below the level');
      output.close();
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'hello', symbol: 'BTC', HL_PRIVATE_KEY: '[redacted]' });
      expect(output.description).toBe(`logs: json to ${file} from level info (LOG_FORMAT=auto: not a terminal)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes text lines to a file when LOG_FORMAT=text', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'live-bot-log-'));
    const file = path.join(dir, 'bot.log');
    try {
      const output = createBotLogOutput({ level: 'info', format: 'text', file, stderrIsTerminal: false });
      output.logger.warn({ rule: 'order-rate' }, 'command denied by risk');
      output.close();
      expect(readFileSync(file, 'utf8')).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}command denied by risk rule=order-rate\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
