import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');
const rootDir = path.resolve(appDir, '..', '..');
/** A cold start through npx may install pnpm and build first; the tests' timeouts leave room past it. */
const STARTUP_WAIT_MS = 90_000;

/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group (npx, pnpm, the
 * shells, the bot), so every launcher in between sees it too.
 */
async function startThenCtrlC(command: string, args: string[], cwd: string) {
  const journalDir = mkdtempSync(path.join(tmpdir(), 'live-bot-ctrl-c-'));
  const journalPath = path.join(journalDir, 'journal.sqlite');
  const child = spawn(command, args, {
    cwd,
    detached: true,
    env: { ...process.env, MM_MONITOR_PORT: '0', NOTIFY_INTERVAL_SECONDS: '5', JOURNAL_PATH: journalPath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  let exitedEarly = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      exitedEarly = !stdout.includes('market maker running');
      resolve({ code, signal });
    }),
  );
  for (let waited = 0; waited < STARTUP_WAIT_MS && !exitedEarly && !stdout.includes('market maker running'); waited += 200)
    await new Promise((resolve) => setTimeout(resolve, 200));
  // A bot that refused to start says why on stderr: show it, not just the missing line.
  expect(`${stdout}\n--- stderr ---\n${stderr}`).toContain('market maker running');
  process.kill(-child.pid!, 'SIGINT');
  const exit = await exited;
  // The group's own launchers may still be winding down; the journal is closed by then.
  const db = new DatabaseSync(journalPath, { readOnly: true });
  const reasons = (db.prepare('SELECT end_reason FROM sessions ORDER BY id').all() as { end_reason: string | null }[]).map(
    (row) => row.end_reason,
  );
  db.close();
  rmSync(journalDir, { recursive: true, force: true });
  return { stdout, stderr, exit, reasons };
}

function expectConfirmedShutdown(run: Awaited<ReturnType<typeof startThenCtrlC>>) {
  expect(run.stdout).toContain('SIGINT: stopping');
  expect(run.stdout).toContain('stopped (SIGINT); open orders left on the venue: 0');
  expect(run.reasons).toEqual(['SIGINT']);
  const all = `${run.stdout}${run.stderr}`;
  expect(all).not.toContain('ERR_PNPM');
  expect(all).not.toContain('Command failed');
  expect(all).not.toContain('ExperimentalWarning');
}

describe('Ctrl-C stops the bot cleanly however it was started', () => {
  it('direct node: exit 0 after the confirmed shutdown', async () => {
    const run = await startThenCtrlC(process.execPath, ['--import', 'tsx', 'src/main.ts'], appDir);
    expectConfirmedShutdown(run);
    expect(run.exit).toEqual({ code: 0, signal: null });
  }, 150_000);

  it('npx -y pnpm@10 --filter live-bot start: no pnpm failure banner', async () => {
    const run = await startThenCtrlC('npx', ['-y', 'pnpm@10', '--filter', 'live-bot', 'start'], rootDir);
    expectConfirmedShutdown(run);
  }, 150_000);

  it('npx -y pnpm@10 start at the root: no pnpm failure banner', async () => {
    const run = await startThenCtrlC('npx', ['-y', 'pnpm@10', 'start'], rootDir);
    expectConfirmedShutdown(run);
  }, 150_000);
});

describe('live-bot --help', () => {
  it('prints usage and exits 0 without starting the bot', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    expect(stdout).toContain('Usage:');
    expect(stdout).toContain('HL_MODE=paper');
    expect(stdout).not.toContain('market maker running');
    expect(stdout).not.toContain('paper mode: local');
  }, 60_000);

  it('--version prints the version and exits 0 without starting the bot', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--version'], {
      cwd: appDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^live-bot \d+\.\d+\.\d+$/);
  }, 60_000);

  it('an unknown flag is a usage error (exit 2) that prints usage, and nothing starts', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--paper'], {
      cwd: appDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(2);
    expect(output).toContain("Unknown option '--paper'");
    expect(output).toContain('Usage:');
    expect(output).not.toContain('market maker running');
  }, 60_000);
});
