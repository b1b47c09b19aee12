// `pnpm bench [--update]`: the benchmarks in turn, each given the arguments (pnpm hands them to
// the script's last command only). Without --update results go to bench/results.json
// (ignored by git); --update rewrites the committed bench/reference-results.json.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2).filter((arg) => arg !== '--');
for (const bench of [
  'packages/backtest/bench/replay-throughput.bench.ts',
  'packages/feeds/bench/importers.bench.ts',
  'apps/live-bot/bench/live-path-latency.bench.ts',
]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, bench), ...args], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
