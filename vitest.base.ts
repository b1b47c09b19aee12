import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * The one test shape of every package: node environment, tests beside the modules.
 * Workspace packages (`@mm/<name>`) resolve to their sources, so a package's tests run on a fresh
 * install without building its dependencies first (tsconfig.base.json maps the same for tsc and tsx).
 */
export const packageTestConfig = defineConfig({
  resolve: {
    alias: [
      { find: /^@mm\/([a-z0-9-]+)$/, replacement: path.join(root, 'packages/$1/src/index.ts') },
      // A subpath entry (package.json "exports" "./edge") lives in src/<subpath>/index.ts.
      { find: /^@mm\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: path.join(root, 'packages/$1/src/$2/index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Hang guards, not speed checks: the heaviest tests (every frame of a recorded capture, books
    // rebuilt from a day of diffs) take ~10 s on an idle machine and 3-4x that on a busy 2-core one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
