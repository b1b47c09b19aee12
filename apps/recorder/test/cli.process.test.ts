import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');

async function recorder(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}

describe('recorder command line', () => {
  it('--help prints usage with defaults and exits 0 (it used to be "flag --help needs a value")', async () => {
    const help = await recorder(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npx -y pnpm@10 --filter recorder start/);
    expect(help.stdout).toMatch(/--rotate minute\|hour\|day\s+one file per UTC period \(default: hour\)/);
  }, 60_000);

  it('a misspelt flag or a bad value is a usage error (exit 2) naming the flag, and nothing records', async () => {
    const typo = await recorder(['--testnet', '--coins', 'BTC', '--out', 'x', '--rotat', 'minute']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--rotat': did you mean --rotate?");
    const bad = await recorder(['--testnet', '--coins', 'BTC', '--out', 'x', '--rotate', 'week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rotate: Invalid option');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
