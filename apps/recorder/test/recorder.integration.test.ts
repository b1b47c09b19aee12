import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { convertCapture, HyperliquidParser, HYPERLIQUID_BTC, readCaptureLines } from '@mm/feeds';
import { manifestPathFor, readManifest, repairGzipFile } from '@mm/l2-recorder';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '..');
const dataPath = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');

interface ParsedBook {
  time: number;
  bids: number[];
  asks: number[];
}

/** A book frame through the backtester's parser: the prices and sizes it will replay. */
function parseBook(parser: HyperliquidParser, frame: string): ParsedBook {
  expect(parser.parse(frame, 0)).toBe('book-snapshot');
  const side = (levels: typeof parser.book.bids) =>
    Array.from({ length: levels.count }, (_, i) => [levels.priceTicks[i]!, levels.sizeLots[i]!]).flat();
  return { time: parser.book.venueTimeUs, bids: side(parser.book.bids), asks: side(parser.book.asks) };
}

function startRecorder(wsUrl: string, out: string): ChildProcess & { output: string[] } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--ws-url', wsUrl, '--coins', 'BTC', '--out', out, '--rotate', 'minute', '--progress-ms', '1000'],
    { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] },
  ) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout!.on('data', (chunk: Buffer) => child.output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => child.output.push(chunk.toString()));
  return child;
}

function captureFiles(out: string): string[] {
  const dir = path.join(out, 'hyperliquid');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.gz'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** l2Book frames recorded so far, from the manifests (written atomically after each flush). */
function recordedBooks(out: string): number {
  try {
    return captureFiles(out).reduce((sum, file) => sum + (readManifest(manifestPathFor(file))?.messages['l2Book:BTC'] ?? 0), 0);
  } catch {
    return 0;
  }
}

async function waitFor(what: string, condition: () => boolean, child: { output: string[] }, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; recorder output:\n${child.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe('recorder against a local Hyperliquid venue', () => {
  let venue: RunningHyperliquidVenue;
  const published = new Map<string, string>();

  beforeAll(async () => {
    venue = await startHyperliquidVenue({ dataPath, isTestnet: true, accounts: [{ address: `0x${'1'.repeat(40)}` }] });
    // Every book the venue serves: what it publishes (a subscription's first frame is the latest of these).
    venue.core.feed.subscribe('l2Book:BTC', (data) => {
      const text = JSON.stringify(data);
      published.set(text, text);
    });
  });

  afterAll(async () => {
    await venue?.close();
  });

  it('survives SIGKILL and a dropped connection, marks the gaps, and records the served books exactly', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'recorder-it-'));

    const first = startRecorder(venue.wsUrl, out);
    await waitFor('first l2Book frames', () => recordedBooks(out) >= 4, first);
    first.kill('SIGKILL');
    expect((await exited(first)).signal).toBe('SIGKILL');
    // A crash in the middle of a write: half a gzip member at the end of the newest file.
    const newest = captureFiles(out).at(-1)!;
    const torn = gzipSync(Buffer.from(`1 ${'{"channel":"l2Book"}'.repeat(40)}\n`));
    appendFileSync(newest, torn.subarray(0, torn.length >> 1));
    expect(repairGzipFile(newest, { dryRun: true }).removedBytes).toBe(torn.length >> 1);
    const beforeRestart = recordedBooks(out);

    const second = startRecorder(venue.wsUrl, out);
    await waitFor('frames after the restart', () => recordedBooks(out) >= beforeRestart + 3, second);
    venue.applyFault({ fault: 'dropConnections' });
    const beforeDrop = recordedBooks(out);
    await waitFor('frames after the reconnect', () => recordedBooks(out) >= beforeDrop + 3, second);
    second.kill('SIGTERM');
    expect(await exited(second)).toEqual({ code: 0, signal: null });
    const log = second.output.join('');
    expect(log).toMatch(/repaired .* cut \d+ bytes/);
    expect(log).toMatch(/stopped: l2Book:BTC \d+/);

    // Every file reads back completely, and its manifest says it was closed cleanly.
    const files = captureFiles(out);
    const parser = new HyperliquidParser(HYPERLIQUID_BTC);
    const gaps: Array<{ reason: string; fromNs: string; toNs: string }> = [];
    const books: string[] = [];
    let previousNs = 0n;
    for (const file of files) {
      const manifest = readManifest(manifestPathFor(file))!;
      expect(manifest.closedCleanly).toBe(true);
      let lines = 0;
      for await (const line of readCaptureLines(file)) {
        lines += 1;
        const ns = BigInt(line.localTimeNanosText);
        // A gap marker shares its time with the frame that ended the gap.
        expect(ns >= previousNs).toBe(true);
        previousNs = ns;
        const frame = JSON.parse(line.payload) as { channel: string; data: unknown };
        if (frame.channel === 'mm.gap') gaps.push(frame.data as (typeof gaps)[number]);
        else if (frame.channel === 'l2Book') books.push(JSON.stringify(frame.data));
        else expect(frame.channel).toBe('trades');
      }
      expect(lines).toBe(manifest.lines);
    }
    expect(gaps.map((gap) => gap.reason)).toEqual(['crash-restart', 'disconnect']);
    for (const gap of gaps) expect(BigInt(gap.toNs) > BigInt(gap.fromNs)).toBe(true);

    // The round trip is exact: each recorded book is one the venue served, byte for byte and as parsed.
    expect(books.length).toBeGreaterThanOrEqual(10);
    for (const book of books) {
      expect(published.has(book)).toBe(true);
      const frame = `{"channel":"l2Book","data":${book}}`;
      const served = `{"channel":"l2Book","data":${published.get(book)!}}`;
      const parsed = parseBook(parser, frame);
      expect(parsed.bids.length).toBe(40);
      expect(parsed).toEqual(parseBook(parser, served));
    }

    // And the backtester's converter takes the files as they are, gap rows included.
    const { metadata } = await convertCapture({ inputs: files, output: path.join(out, 'x.arrow'), venue: 'hyperliquid' });
    expect(metadata.counts.gaps).toBe(2);
    expect(metadata.counts.snapshotLevels).toBe(books.length * 40);
  }, 90_000);
});
