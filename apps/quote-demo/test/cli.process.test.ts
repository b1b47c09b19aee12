import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');
const rootDir = path.resolve(appDir, '..', '..');

async function quoteDemo(args: string[], cwd: string) {
  const { INIT_CWD: _notPnpm, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(appDir, 'src/main.ts'), ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}

describe('quote-demo command line', () => {
  it('--help exits 0 with usage; an unknown flag or a missing capture exits 2', async () => {
    const help = await quoteDemo(['--help'], appDir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npx -y pnpm@10 --filter quote-demo start/);
    const typo = await quoteDemo(['--hlep'], appDir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--hlep': did you mean --help?");
    const missing = await quoteDemo(['nothere.gz'], appDir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no such capture: ${path.join(appDir, 'nothere.gz')}`);
  }, 60_000);

  it('a capture path is relative to the directory the command ran in', async () => {
    const run = await quoteDemo(['../shared/data/hyperliquid/btcusd_20250126.gz'], rootDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('quote sets from real data');
  }, 60_000);
});
