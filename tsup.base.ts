import { defineConfig, type Options } from 'tsup';

/** The one build shape of every package: ESM + .d.ts from src/index.ts, for Node 22. */
export const packageOptions = {
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node22',
} satisfies Options;

export const packageConfig = defineConfig(packageOptions);
