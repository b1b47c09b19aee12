import { defineConfig } from 'vitest/config';

/** The one test shape of every package: node environment, tests beside the modules. */
export const packageTestConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
