// Builds an app's workspace dependencies (turbo caches, so an up-to-date tree costs about a second).
// Usage: node scripts/ensure-built.mjs <app-package-name>
// On a terminal it shows which package is building (the first build of a fresh clone takes
// minutes, and used to print nothing); on a pipe or in CI it prints nothing but a failure.
import { spawn } from 'node:child_process';
import { clearInterval, setInterval } from 'node:timers';
import path from 'node:path';

const app = process.argv[2];
const root = path.resolve(import.meta.dirname, '..');
const showProgress = process.stderr.isTTY === true;

/** Reads turbo's hash-only lines: `Running build in N packages`, then `<pkg>:build: cache miss, executing <hash>` per task. */
export function progressLine(state, line) {
  const total = /Running build in (\d+) packages?/.exec(line);
  if (total) state.total = Number(total[1]);
  const task = /^(\S+):build: cache (miss|hit|bypass)/.exec(line.trim());
  if (task) {
    state.started += 1;
    if (task[2] !== 'hit') state.building = task[1];
  }
  return state.building === undefined ? undefined : `building ${state.building} (${state.started} of ${state.total ?? '?'} packages)`;
}

async function build() {
  const child = spawn(
    path.join(root, 'node_modules/.bin/turbo'),
    ['run', 'build', `--filter=${app}^...`, showProgress ? '--output-logs=hash-only' : '--output-logs=errors-only', '--log-prefix=task'],
    {
      cwd: root,
      stdio: ['ignore', showProgress ? 'pipe' : 'ignore', 'inherit'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    },
  );
  const started = Date.now();
  let shown = false;
  if (showProgress) {
    const state = { total: undefined, started: 0, building: undefined };
    let detail;
    const draw = () => {
      if (detail === undefined) return;
      shown = true;
      process.stderr.write(`\r\x1b[KBuilding the packages ${app} needs: ${detail}, ${Math.floor((Date.now() - started) / 1000)} s`);
    };
    const ticker = setInterval(draw, 1000);
    let pending = '';
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) detail = progressLine(state, line) ?? detail;
      draw();
    });
    child.on('exit', () => clearInterval(ticker));
  }
  const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
  if (shown)
    process.stderr.write(
      `\r\x1b[K${code === 0 ? `Built the packages ${app} needs in ${Math.round((Date.now() - started) / 1000)} s\n` : ''}`,
    );
  return code;
}

if (process.argv[1] === import.meta.filename) {
  if ((await build()) !== 0) {
    console.error(`Building the packages ${app} needs failed; run 'npx -y pnpm@10 build' to see why.`);
    process.exit(1);
  }
}
