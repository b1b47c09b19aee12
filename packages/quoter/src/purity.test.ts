import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Same rule as docs/contributing.md for pure (tier 0/1) packages, checked on this package's sources. */
const FORBIDDEN = [
  /\bDate\.now\b/,
  /\bnew Date\b/,
  /\bperformance\.now\b/,
  /\bMath\.random\b/,
  /\bset(Timeout|Interval|Immediate)\b/,
  /\bprocess\./,
  /from ['"]node:/,
  /\bfetch\(/,
  /\bWebSocket\b/,
];

describe('purity', () => {
  const sourceDirectory = import.meta.dirname;
  const sources = readdirSync(sourceDirectory).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

  it.each(sources)('%s uses no ambient time, randomness or I/O', (name) => {
    const text = readFileSync(join(sourceDirectory, name), 'utf8');
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
  });
});
