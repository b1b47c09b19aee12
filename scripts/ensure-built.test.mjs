// node --test scripts/: the first-build progress of ensure-built.mjs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { progressLine } from './ensure-built.mjs';

const root = path.resolve(import.meta.dirname, '..');
const pnpmPath = spawnSync('sh', ['-c', 'command -v pnpm'], { encoding: 'utf8' }).stdout.trim();

test('progressLine follows turbo hash-only output (lines as turbo 2.11 prints them)', () => {
  const state = { total: undefined, started: 0, building: undefined };
  assert.equal(progressLine(state, '   • Running build in 11 packages'), undefined);
  // A cached package is not "building": nothing to show yet.
  assert.equal(progressLine(state, '@mm/core:build: cache hit, suppressing logs ebbb18d4f2779ea8'), undefined);
  assert.equal(progressLine(state, '@mm/feeds:build: cache miss, executing 10eaa1832868b9b9'), 'building @mm/feeds (2 of 11 packages)');
  assert.equal(progressLine(state, 'CLI Building entry: src/index.ts'), 'building @mm/feeds (2 of 11 packages)');
});

test('quiet when stderr is not a terminal: nothing on stderr, exit 0', () => {
  const run = spawnSync(process.execPath, ['scripts/ensure-built.mjs', '@mm/cli'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
});

test(
  'on a terminal a forced build shows the package building and the time it took',
  { skip: pnpmPath === '' && 'pnpm is not on PATH (run under pnpm)' },
  () => {
    // script(1) gives the child a pseudo-terminal; TURBO_FORCE makes turbo rebuild @mm/core (seconds).
    const run = spawnSync('script', ['-qec', `${process.execPath} scripts/ensure-built.mjs @mm/cli`, '/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TURBO_FORCE: 'true' },
    });
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /Building the packages @mm\/cli needs: building @mm\/core \(1 of 1 packages\), \d+ s/);
    assert.match(run.stdout, /Built the packages @mm\/cli needs in \d+ s/);
  },
);
