import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');
const KEY = `0x${'5d'.repeat(32)}`;

describe('live-bot as a process', () => {
  it('starts in paper mode, prints status, and exits cleanly on SIGTERM with no order left', async () => {
    const journalDir = mkdtempSync(path.join(tmpdir(), 'live-bot-journal-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MM_MONITOR_PORT: '0',
        HL_PRIVATE_KEY: KEY,
        NOTIFY_INTERVAL_SECONDS: '5',
        LOG_QUOTES: 'true',
        JOURNAL_PATH: path.join(journalDir, 'journal.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let waited = 0; waited < 30_000 && !stdout.includes('=== MM BOT STATUS ==='); waited += 200)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stdout).toContain('market maker running (paper)');
    expect(stdout).toContain('=== MM BOT STATUS ===');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('open orders left on the venue: 0');
    expect(stderr).toContain('"msg":"commands sent"');
    expect(`${stdout}${stderr}`.toLowerCase()).not.toContain(KEY.slice(2));
    const files = readdirSync(journalDir);
    expect(files).toContain('journal.sqlite');
    for (const file of files)
      expect(readFileSync(path.join(journalDir, file)).toString('latin1').toLowerCase()).not.toContain(KEY.slice(2));
    rmSync(journalDir, { recursive: true, force: true });
  }, 60_000);

  it('refuses bad configuration with the key name, without a stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BTC_ENABLED: 'true', BTC_BASE_SPREAD_BPS: '-3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(stderr).toContain('BTC_BASE_SPREAD_BPS: must be >= 0');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});

describe('live-bot on the default paper market', () => {
  it('prints quotes, fills and a status report within a minute', async () => {
    const journalDir = mkdtempSync(path.join(tmpdir(), 'live-bot-fills-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MM_MONITOR_PORT: '0',
        NOTIFY_INTERVAL_SECONDS: '10',
        JOURNAL_PATH: path.join(journalDir, 'journal.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = Date.now();
    for (; Date.now() - started < 60_000 && !stderr.includes('"msg":"fill"');) await new Promise((resolve) => setTimeout(resolve, 250));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    rmSync(journalDir, { recursive: true, force: true });
    expect(stdout).toMatch(/quotes [SB] [\d.]+@\d+/);
    expect(stderr).toContain('"msg":"fill"');
    // Fills for people on stdout and for machines on stderr, both in venue units, never ticks/lots.
    expect(stdout).toMatch(/^fill BTC (buy|sell) [\d.]+ @ [\d.]+ \(\$[\d.]+\) (maker|taker), (fee|rebate) \$[\d.]+$/m);
    expect(stderr).not.toContain('priceTicks');
    expect(stdout).not.toContain('{"level"');
    expect(stdout).toContain('=== MM BOT STATUS ===');
    expect(stdout).toMatch(/fills [1-9]\d* \(/);
    // The inventory limit ($500 per asset by default) held in every report.
    const inventories = [...stdout.matchAll(/inventory -?[\d.]+ BTC \((-?)\$([\d.]+)\)/g)].map((match) => Number(match[2]));
    expect(inventories.length).toBeGreaterThan(0);
    for (const usd of inventories) expect(usd).toBeLessThanOrEqual(500);
    expect(stdout).toContain('open orders left on the venue: 0');
  }, 90_000);
});
