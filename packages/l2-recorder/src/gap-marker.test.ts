import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { convertCapture, EventKind, HyperliquidParser, HYPERLIQUID_BTC, kindOf, readEventLogBatches } from '@mm/feeds';
import { describe, expect, it } from 'vitest';
import { formatCaptureLine } from './capture-line.js';
import { gapMarkerFrame } from './gap-marker.js';

const BOOK =
  '{"channel":"l2Book","data":{"coin":"BTC","time":1737849600000,"levels":[[{"px":"100000.0","sz":"1.0","n":1}],[{"px":"100001.0","sz":"2.0","n":1}]]}}';

describe('gap marker', () => {
  it('is the mm.gap frame the parser recognizes', () => {
    const frame = gapMarkerFrame({ reason: 'disconnect', fromNs: '1', toNs: '2' });
    expect(JSON.parse(frame)).toEqual({ channel: 'mm.gap', data: { reason: 'disconnect', fromNs: '1', toNs: '2' } });
    expect(new HyperliquidParser(HYPERLIQUID_BTC).parse(frame, 0)).toBe('gap');
  });

  it('becomes a Gap row when converted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gap-'));
    const input = path.join(dir, 'hyperliquid.gz');
    const lines =
      formatCaptureLine(1737849600001000000n, BOOK) +
      formatCaptureLine(
        1737849605000000000n,
        gapMarkerFrame({ reason: 'restart', fromNs: '1737849600001000000', toNs: '1737849605000000000' }),
      ) +
      formatCaptureLine(1737849605000000001n, BOOK);
    writeFileSync(input, gzipSync(lines));
    const output = path.join(dir, 'x.arrow');
    const { metadata } = await convertCapture({ inputs: [input], output, venue: 'hyperliquid' });
    expect(metadata.counts.gaps).toBe(1);
    const kinds: number[] = [];
    for (const batch of readEventLogBatches(output)) {
      for (let i = 0; i < batch.length; i += 1) kinds.push(kindOf(batch.flags[i]!));
    }
    expect(kinds.filter((kind) => kind === EventKind.Gap)).toHaveLength(1);
  });
});
