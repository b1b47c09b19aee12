import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(import.meta.dirname, '..');
const rootDir = path.resolve(packageDir, '..', '..');

function start(command: string, args: string[], cwd: string, detached = false) {
  const child = spawn(command, args, { cwd, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (output.stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

describe('venue-hl command line', () => {
  it('direct node: Ctrl-C exits 0; --help prints usage with defaults and exits 0; a misspelt flag exits 2 naming the flag meant', async () => {
    const direct = start(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0'], packageDir);
    for (let waited = 0; waited < 30_000 && !direct.output.stdout.includes('WebSocket'); waited += 200)
      await new Promise((resolve) => setTimeout(resolve, 200));
    direct.child.kill('SIGINT');
    expect(await direct.exited).toEqual({ code: 0, signal: null });
    const help = start(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'], packageDir);
    expect((await help.exited).code).toBe(0);
    expect(help.output.stdout).toMatch(/^Usage: npx -y pnpm@10 --filter @mm\/venue-hl start/);
    expect(help.output.stdout).toMatch(/--host <host>\s+address to listen on \(default: 127\.0\.0\.1\)/);
    const typo = start(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--acount', '0x1'], packageDir);
    expect((await typo.exited).code).toBe(2);
    expect(typo.output.stderr).toContain("Unknown option '--acount': did you mean --account?");
    // The README's old placeholder: refused before anything listens, as a usage error.
    const placeholder = start(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--account', '0xYourAddress'], packageDir);
    expect((await placeholder.exited).code).toBe(2);
    expect(placeholder.output.stderr).toContain("'0xYourAddress' is not an address");
  }, 60_000);

  it("the README's command from the root: ../shared/data resolves against the root, Ctrl-C exits 0 with no pnpm banner", async () => {
    const venue = start(
      'npx',
      [
        '-y',
        'pnpm@10',
        '--filter',
        '@mm/venue-hl',
        'start',
        '--',
        '--port',
        '0',
        '--data',
        '../shared/data/hyperliquid/btcusd_20250126.gz',
        '--testnet',
      ],
      rootDir,
      true,
    );
    for (let waited = 0; waited < 90_000 && !venue.output.stdout.includes('WebSocket'); waited += 200) {
      if (venue.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(`${venue.output.stdout}\n--- stderr ---\n${venue.output.stderr}`).toContain('WebSocket ws://127.0.0.1:');
    // Ctrl-C as a terminal sends it: to the whole process group (npx, pnpm, the shell, node).
    process.kill(-venue.child.pid!, 'SIGINT');
    const exit = await venue.exited;
    const all = `${venue.output.stdout}${venue.output.stderr}`;
    expect(venue.output.stdout).toContain('SIGINT: venue closed');
    // npx itself goes down with the terminal's SIGINT, as it would in a shell; pnpm reports no failure.
    expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true);
    expect(all).not.toContain('ERR_PNPM');
    expect(all).not.toContain('Command failed');
  }, 150_000);
});
