// Builds an app's workspace dependencies (turbo caches, so an up-to-date tree costs about a second).
// Usage: node scripts/ensure-built.mjs <app-package-name>
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const app = process.argv[2];
const root = path.resolve(import.meta.dirname, '..');
try {
  execFileSync(
    path.join(root, 'node_modules/.bin/turbo'),
    ['run', 'build', `--filter=${app}^...`, '--output-logs=errors-only', '--log-prefix=none'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    },
  );
} catch {
  console.error(`Building the packages ${app} needs failed; run 'npx -y pnpm@10 build' to see why.`);
  process.exit(1);
}
