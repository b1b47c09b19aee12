import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { manifestFromCapture } from './rebuild-manifest.js';

describe('manifestFromCapture', () => {
  it("counts a hand-written capture's lines, streams, gaps and sessions", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'l2rec-rebuild-'));
    const file = path.join(dir, 'btc_20250126.gz');
    // Two members, as two flushes write them: 2 books and a trade, a restart gap, 1 more book.
    const first = [
      '1737918843893903000 {"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[],[]]}}',
      '1737918843900000000 {"channel":"trades","data":[{"coin":"BTC","px":"1","sz":"1"}]}',
      '1737918844000000000 {"channel":"l2Book","data":{"coin":"BTC","time":2,"levels":[[],[]]}}',
    ];
    const second = [
      '1737918900000000000 {"channel":"mm.gap","data":{"reason":"restart","fromNs":"1737918844000000000","toNs":"1737918900000000000"}}',
      '1737918900000000000 {"channel":"l2Book","data":{"coin":"ETH","time":3,"levels":[[],[]]}}',
    ];
    const bytes = Buffer.concat([gzipSync(`${first.join('\n')}\n`), gzipSync(`${second.join('\n')}\n`)]);
    writeFileSync(file, bytes);
    const manifest = manifestFromCapture(file, { venue: 'hyperliquid', coins: ['BTC'], rotate: 'day', validBytes: bytes.length });
    expect(manifest).toMatchObject({
      file: 'btc_20250126.gz',
      coins: ['BTC', 'ETH'],
      periodStart: '2025-01-26T00:00:00.000Z',
      firstLocalNs: '1737918843893903000',
      lastLocalNs: '1737918900000000000',
      // 1737918843.893 s and 1737918900 s since the epoch, by `date -u -d @…`.
      firstLocalTime: '2025-01-26T19:14:03.893Z',
      lastLocalTime: '2025-01-26T19:15:00.000Z',
      messages: { 'l2Book:BTC': 2, 'trades:BTC': 1, 'l2Book:ETH': 1 },
      lines: 5,
      gaps: [{ reason: 'restart', fromNs: '1737918844000000000', toNs: '1737918900000000000' }],
      committedBytes: bytes.length,
      sessions: 2,
      closedCleanly: true,
    });
  });
});
