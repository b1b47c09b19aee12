import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');
const rootDir = path.resolve(appDir, '..', '..');

async function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}

// Not started by pnpm: no INIT_CWD, so paths are the process directory's.
const { INIT_CWD: _ignored, ...plainEnv } = process.env;
const backtester = (args: string[], cwd = appDir) =>
  run(process.execPath, ['--import', 'tsx', path.join(appDir, 'src/cli.ts'), ...args], cwd, plainEnv);

describe('backtester command line', () => {
  it('--help on the program and on every command: usage and exit 0', async () => {
    const program = await backtester(['--help']);
    expect(program.code).toBe(0);
    expect(program.stdout).toMatch(/^Usage: npx -y pnpm@10 --filter backtester run <command>/);
    for (const command of ['replay', 'book', 'convert', 'as-sim']) {
      const help = await backtester([command, '--', '-h']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`--filter backtester run ${command} --`);
      expect(help.stdout, command).toContain('Examples:');
    }
  }, 120_000);

  it('a misspelt flag is a usage error (exit 2) naming the flag meant, without a stack', async () => {
    const typo = await backtester(['replay', '--', '--dta', 'x.gz']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--dta': did you mean --data?");
    expect(typo.stderr).not.toMatch(/\n\s+at /);
    const missing = await backtester(['replay']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --data');
  }, 60_000);

  it('--version prints the version', async () => {
    const version = await backtester(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^backtester \d+\.\d+\.\d+$/);
  }, 60_000);

  it('a relative --data is the directory of the command, not the app', async () => {
    // From the repository root, as the README types it.
    const book = await backtester(['book', '--data', '../shared/data/hyperliquid/btcusd_20250126.gz', '--at', 'end'], rootDir);
    expect(book.stderr).toBe('');
    expect(book.code).toBe(0);
    expect(book.stdout).toMatch(/best bid/i);
  }, 60_000);

  it('through pnpm from the root: the path resolves against the root (INIT_CWD) and a usage error still exits 2', async () => {
    const book = await run(
      'npx',
      [
        '-y',
        'pnpm@10',
        '--filter',
        'backtester',
        'run',
        'book',
        '--',
        '--data',
        '../shared/data/hyperliquid/btcusd_20250126.gz',
        '--at',
        'end',
      ],
      rootDir,
    );
    expect(book.code, book.stderr).toBe(0);
    expect(book.stdout).toMatch(/best bid/i);
    const typo = await run('npx', ['-y', 'pnpm@10', '--filter', 'backtester', 'run', 'replay', '--', '--dat', 'x.gz'], rootDir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean --data?');
  }, 180_000);
});
