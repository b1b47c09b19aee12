import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Instrument, MICROS_PER_MILLI } from '@mm/core';
import { readCaptureLines, type CaptureLine } from '@mm/feeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMarketCapture } from '../src/market-capture.js';
import { CAPTURE, startHarness } from './sdk-harness.js';

/**
 * A capture with a hole, made of the recorded BTC capture's real lines: its first two l2Book
 * snapshots, then (lines 3–9 left out, as a disconnect would) the recorder's gap marker written at
 * the first line received again, then lines 10 (trades) and 11–12 (l2Book). The marker is what
 * @mm/l2-recorder writes: `{"channel":"mm.gap","data":{reason,fromNs,toNs}}` at `toNs`.
 */
let dir: string;
let fixture: string;
let lines: CaptureLine[];

beforeAll(async () => {
  lines = [];
  for await (const line of readCaptureLines(CAPTURE)) {
    lines.push(line);
    if (lines.length === 12) break;
  }
  const kept = [lines[0]!, lines[1]!];
  const resumed = lines[9]!;
  const marker = JSON.stringify({
    channel: 'mm.gap',
    data: { reason: 'disconnect', fromNs: lines[1]!.localTimeNanosText, toNs: resumed.localTimeNanosText },
  });
  const text = [
    ...kept.map((line) => `${line.localTimeNanosText} ${line.payload}`),
    `${resumed.localTimeNanosText} ${marker}`,
    ...lines.slice(9, 12).map((line) => `${line.localTimeNanosText} ${line.payload}`),
  ].join('\n');
  dir = mkdtempSync(path.join(tmpdir(), 'venue-hl-gap-'));
  fixture = path.join(dir, 'btc-with-gap.gz');
  writeFileSync(fixture, gzipSync(text + '\n'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The line's l2Book as the recorder saw it (the known answer, read here straight from the JSON). */
function recordedBestBid(line: CaptureLine): string {
  return (JSON.parse(line.payload) as { data: { levels: [Array<{ px: string }>] } }).data.levels[0][0]!.px;
}

describe('a capture with a gap marker', () => {
  it('loads the marker as a gap frame between the books before and after the hole', async () => {
    const capture = await loadMarketCapture(fixture, Instrument.hyperliquidPerp('BTC', 5));
    expect(capture.frames.map((frame) => frame.kind)).toEqual(['book', 'book', 'gap', 'trades', 'book', 'book']);
    expect(capture.frames[2]).toEqual({
      kind: 'gap',
      localTimeUs: lines[9]!.localTimeUs,
      reason: 'disconnect',
      fromNs: lines[1]!.localTimeNanosText,
      toNs: lines[9]!.localTimeNanosText,
    });
  });

  it('the venue serves no book from the gap until the next snapshot, and logs the gap', async () => {
    const log: string[] = [];
    const harness = await startHarness({ dataPath: fixture, log: (line) => log.push(line) });
    try {
      const startUs = harness.clock.now();
      const firstUs = lines[0]!.localTimeUs;
      const at = (line: CaptureLine) => (line.localTimeUs - firstUs) / 1e6;
      harness.advanceSeconds(at(lines[1]!) + 0.001);
      const before = await harness.info.l2Book({ coin: 'BTC' });
      expect(before!.levels[0][0]!.px).toBe(recordedBestBid(lines[1]!));
      expect(log).toEqual([]);

      // The marker and the trades line after it are due; the next snapshot (line 11) is not yet.
      harness.advanceSeconds(at(lines[9]!) - at(lines[1]!));
      expect(harness.clock.now() - startUs).toBeLessThan(lines[10]!.localTimeUs - firstUs);
      expect(await harness.info.l2Book({ coin: 'BTC' })).toBeNull();
      expect(await harness.info.allMids()).toEqual({});
      expect(log).toHaveLength(1);
      expect(log[0]).toContain('capture gap (disconnect');
      expect(log[0]).toContain('book withdrawn until the next l2Book snapshot');
      // Trades after the hole are real market events: still served.
      const tradePx = (JSON.parse(lines[9]!.payload) as { data: Array<{ px: string }> }).data.map((trade) => trade.px);
      expect(harness.venue.core.latestTrades().map((trade) => trade.px)).toEqual(tradePx);

      harness.advanceSeconds((lines[10]!.localTimeUs - lines[9]!.localTimeUs) / 1e6 + MICROS_PER_MILLI / 1e6);
      const after = await harness.info.l2Book({ coin: 'BTC' });
      expect(after!.levels[0][0]!.px).toBe(recordedBestBid(lines[10]!));
    } finally {
      await harness.close();
    }
  });
});
