import { defineConfig } from 'tsup';
import { packageOptions } from '../../tsup.base.ts';

// Two entries: the pure main entry ('@mm/core') and the edge tier ('@mm/core/edge', the real
// clock) that reads the runtime; each gets its own .d.ts (package.json "exports").
export default defineConfig({
  ...packageOptions,
  entry: { index: 'src/index.ts', edge: 'src/edge/index.ts' },
});
