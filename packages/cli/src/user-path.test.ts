import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageVersion, resolveUserPath } from './user-path.js';

describe('resolveUserPath', () => {
  it('resolves against where pnpm was started (INIT_CWD), not the package pnpm runs the script in', () => {
    // The case: `../shared/data/x.gz` typed at the repository root, run inside packages/venue-hl.
    expect(resolveUserPath('../shared/data/x.gz', { INIT_CWD: '/work/repo' }, '/work/repo/packages/venue-hl')).toBe(
      '/work/shared/data/x.gz',
    );
  });

  it('resolves against the process directory when not started by pnpm; absolute paths stay', () => {
    expect(resolveUserPath('data/rec', {}, '/home/me')).toBe('/home/me/data/rec');
    expect(resolveUserPath('/tmp/a.gz', { INIT_CWD: '/work/repo' }, '/x')).toBe('/tmp/a.gz');
  });
});

describe('packageVersion', () => {
  it('reads the nearest package.json above the directory', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mm-cli-version-'));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x', version: '4.5.6' }));
    mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
    expect(packageVersion(path.join(root, 'src', 'deep'))).toBe('4.5.6');
  });
});
