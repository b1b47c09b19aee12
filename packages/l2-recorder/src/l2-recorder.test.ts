import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { convertCapture, readCaptureLines, venueRulesPath } from '@mm/feeds';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestPathFor, readManifest } from './capture-manifest.js';
import { L2Recorder } from './l2-recorder.js';
import { createReceiveClock } from './receive-clock.js';

const dataPath = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('L2Recorder', () => {
  let venue: RunningHyperliquidVenue;
  beforeAll(async () => {
    venue = await startHyperliquidVenue({ dataPath, isTestnet: true, accounts: [{ address: `0x${'2'.repeat(40)}` }] });
  });
  afterAll(async () => {
    await venue?.close();
  });

  it('stops with an error naming an unknown coin instead of reconnecting forever', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'l2rec-unknown-'));
    const log: string[] = [];
    const failures: Error[] = [];
    const recorder = new L2Recorder(
      { wsUrl: venue.wsUrl, coins: ['NOPE'], outDir: out, flushIntervalMs: 100, reconnectMinMs: 50, progressIntervalMs: 0 },
      { log: (line) => log.push(line), onFatal: (error) => failures.push(error) },
    );
    recorder.start();
    await waitFor('the failure', () => failures.length > 0);
    expect(failures[0]!.message).toMatch(/^unknown coin NOPE on ws:\/\/127\.0\.0\.1:\d+\/ws: the venue lists/);
    expect(recorder.failure).toBe(failures[0]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.filter((line) => line.includes('reconnecting'))).toEqual([]);
  });

  it('a corrupted manifest on restart: the data is kept whole, the manifest rebuilt from it, a gap marked, and the log says so', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'l2rec-manifest-'));
    const options = {
      wsUrl: venue.wsUrl,
      coins: ['BTC'],
      outDir: out,
      rotate: 'day' as const,
      flushIntervalMs: 100,
      progressIntervalMs: 0,
    };
    const first = new L2Recorder(options, { log: () => {} });
    first.start();
    await waitFor('books', () => (first.summary().messages['l2Book:BTC'] ?? 0) >= 4);
    const [file] = first.stop().files;
    const before = readFileSync(file!);
    const linesBefore: Array<{ ns: string; payload: string }> = [];
    for await (const line of readCaptureLines(file!)) linesBefore.push({ ns: line.localTimeNanosText, payload: line.payload });
    // Torn in the middle, as a disk or an editor can leave it.
    const manifestPath = manifestPathFor(file!);
    const manifestText = readFileSync(manifestPath, 'utf8');
    writeFileSync(manifestPath, manifestText.slice(0, manifestText.length >> 1));

    const log: string[] = [];
    const second = new L2Recorder(options, { log: (line) => log.push(line) });
    second.start();
    await waitFor('books after the restart', () => (second.summary().messages['l2Book:BTC'] ?? 0) >= 3);
    second.stop();

    // Not a byte of the valid data cut: the file starts with what the first run wrote.
    const after = readFileSync(file!);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    // Said, and the unreadable manifest kept beside the capture for a look.
    expect(log.some((line) => /manifest .*unreadable.*kept as .*rebuilt from the capture/.test(line))).toBe(true);
    const kept = readdirSync(path.dirname(file!)).filter((name) => name.includes('.manifest.json.corrupt'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(file!), kept[0]!), 'utf8')).toBe(manifestText.slice(0, manifestText.length >> 1));
    // The gap from the first run's last line to the second's first is marked in the file.
    const lines: Array<{ ns: string; payload: string }> = [];
    for await (const line of readCaptureLines(file!)) lines.push({ ns: line.localTimeNanosText, payload: line.payload });
    expect(lines.slice(0, linesBefore.length)).toEqual(linesBefore);
    const marker = lines[linesBefore.length]!;
    expect(JSON.parse(marker.payload)).toMatchObject({ channel: 'mm.gap', data: { fromNs: linesBefore.at(-1)!.ns, toNs: marker.ns } });
    // The history is the file's, not reset: first line, counts and the gap.
    const manifest = readManifest(manifestPath)!;
    expect(manifest.firstLocalNs).toBe(linesBefore[0]!.ns);
    expect(manifest.lastLocalNs).toBe(lines.at(-1)!.ns);
    expect(manifest.lines).toBe(lines.length);
    expect(manifest.messages['l2Book:BTC']).toBe(lines.filter((line) => line.payload.startsWith('{"channel":"l2Book"')).length);
    expect(manifest.gaps).toHaveLength(1);
    expect(manifest.closedCleanly).toBe(true);
    expect(manifest.committedBytes).toBe(statSync(file!).size);
  });

  it("says so and records on when the venue's rules cannot be fetched", async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'l2rec-norules-'));
    const log: string[] = [];
    const recorder = new L2Recorder(
      { wsUrl: venue.wsUrl, infoUrl: 'http://127.0.0.1:9/info', coins: ['BTC'], outDir: out, flushIntervalMs: 100, progressIntervalMs: 0 },
      { log: (line) => log.push(line) },
    );
    recorder.start();
    await waitFor('books', () => (recorder.summary().messages['l2Book:BTC'] ?? 0) >= 2);
    await waitFor('the rules warning', () =>
      log.some((line) => line.includes('venue rules (meta) not saved from http://127.0.0.1:9/info')),
    );
    recorder.stop();
  });

  it('marks a stale stream as a gap, reconnects, and rotates files by period', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'l2rec-'));
    const real = createReceiveClock();
    let shiftNs = 0n;
    // A clock that can jump a minute ahead, to cross a rotation boundary without waiting for one.
    const clock = { nowNanos: () => real.nowNanos() + shiftNs };
    const log: string[] = [];
    const recorder = new L2Recorder(
      {
        wsUrl: venue.wsUrl,
        coins: ['BTC'],
        outDir: out,
        rotate: 'minute',
        flushIntervalMs: 100,
        staleAfterMs: 600,
        reconnectMinMs: 50,
        progressIntervalMs: 200,
      },
      { clock, log: (line) => log.push(line) },
    );
    const books = () => recorder.summary().messages['l2Book:BTC'] ?? 0;
    recorder.start();
    await waitFor('books', () => books() >= 3);
    venue.applyFault({ fault: 'pauseFeed' });
    await waitFor('a stale stream', () => log.some((line) => line.includes('stale')));
    venue.applyFault({ fault: 'resumeFeed' });
    await waitFor('the stale gap', () => recorder.summary().gaps >= 1);
    shiftNs = 60_000_000_000n;
    const beforeJump = books();
    await waitFor('books in the next period', () => books() >= beforeJump + 3);
    const summary = recorder.stop();

    // Two periods at least (a real minute boundary may add one).
    expect(summary.files.length).toBeGreaterThanOrEqual(2);
    expect(log.some((line) => /l2Book:BTC [\d.]+ msg\/s/.test(line))).toBe(true);
    const reasons: string[] = [];
    let lines = 0;
    for (const file of summary.files) {
      const manifest = readManifest(manifestPathFor(file))!;
      expect(manifest).toMatchObject({ venue: 'hyperliquid', coins: ['BTC'], closedCleanly: true, sessions: 1 });
      expect(manifest.messages['l2Book:BTC']).toBeGreaterThan(0);
      reasons.push(...manifest.gaps.map((gap) => gap.reason));
      for await (const line of readCaptureLines(file)) {
        lines += 1;
        if (line.payload.startsWith('{"channel":"mm.gap"')) expect(JSON.parse(line.payload).data.toNs).toBe(line.localTimeNanosText);
      }
    }
    expect(reasons[0]).toBe('stale');
    // The venue's rules (its `meta` answer) are saved beside every capture for the converter.
    for (const file of summary.files) {
      const rules = JSON.parse(readFileSync(venueRulesPath(file), 'utf8'));
      expect(rules.universe).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'BTC', szDecimals: 5 })]));
    }
    const converted = await convertCapture({ inputs: [summary.files[0]!], output: path.join(out, 'first.arrow') });
    expect(converted.metadata.instrument).toMatchObject({ symbol: 'BTC', venue: 'hyperliquid', lotSize: '0.00001' });
    expect(lines).toBe(Object.values(summary.messages).reduce((a, b) => a + b, 0) + summary.gaps);
  });
});
