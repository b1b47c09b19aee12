import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_MANIFEST_FORMAT, manifestPathFor, readManifest, writeManifestAtomic, type CaptureManifest } from './capture-manifest.js';
import { captureFileName, periodStartMs } from './rotation.js';

const manifest: CaptureManifest = {
  format: CAPTURE_MANIFEST_FORMAT,
  version: 1,
  venue: 'hyperliquid',
  coins: ['BTC'],
  file: 'btc_20250126T0000.gz',
  rotate: 'hour',
  periodStart: '2025-01-26T00:00:00.000Z',
  firstLocalNs: '1737849600000000001',
  lastLocalNs: '1737849601000000000',
  firstLocalTime: '2025-01-26T00:00:00.000Z',
  lastLocalTime: '2025-01-26T00:00:01.000Z',
  messages: { 'l2Book:BTC': 3, 'trades:BTC': 1 },
  lines: 5,
  gaps: [{ reason: 'crash-restart', fromNs: '1', toNs: '2' }],
  committedBytes: 123,
  sessions: 2,
  closedCleanly: true,
};

describe('capture manifest', () => {
  it('round-trips through an atomic write and leaves no temp file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
    const file = manifestPathFor(path.join(dir, manifest.file));
    writeManifestAtomic(file, manifest);
    writeManifestAtomic(file, { ...manifest, lines: 6 });
    expect(readManifest(file)).toEqual({ ...manifest, lines: 6 });
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('reads a missing or corrupt manifest as undefined', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
    expect(readManifest(path.join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(path.join(dir, 'bad.json'), '{"format":');
    expect(readManifest(path.join(dir, 'bad.json'))).toBeUndefined();
    expect(existsSync(path.join(dir, 'bad.json'))).toBe(true);
  });

  it('names files by UTC period, sortable', () => {
    const ms = Date.UTC(2025, 0, 26, 14, 37, 12);
    expect(captureFileName(['BTC'], periodStartMs(ms, 'hour'), 'hour')).toBe('btc_20250126T1400.gz');
    expect(captureFileName(['BTC', 'ETH'], periodStartMs(ms, 'minute'), 'minute')).toBe('btc-eth_20250126T1437.gz');
    expect(captureFileName(['BTC'], periodStartMs(ms, 'day'), 'day')).toBe('btc_20250126.gz');
  });
});
