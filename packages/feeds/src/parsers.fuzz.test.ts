import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { MmError } from '@mm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINANCE_0808, HYPERLIQUID_0126, capturePath } from '../test/captures.js';
import { BinanceUsdmParser } from './binance-usdm-parser.js';
import { BINANCE_USDM_BTCUSDT, HYPERLIQUID_BTC } from './capture-instruments.js';
import { forEachCaptureLine } from './capture-line-reader.js';
import { HyperliquidParser } from './hyperliquid-parser.js';
import type { MarketDataVisitor } from './market-data-visitor.js';

/** CI-sized; `MM_FUZZ_RUNS=100000 npx vitest run src/parsers.fuzz.test.ts` for the long run. */
const RUNS = Number(process.env.MM_FUZZ_RUNS ?? 2000);
const visitor: MarketDataVisitor = { bookUpdate: () => {}, trade: () => {} } as unknown as MarketDataVisitor;

/** The first frames of a real capture: the seeds hostile frames are cut from. */
async function seedFrames(file: string, count: number): Promise<string[]> {
  const frames: string[] = [];
  await forEachCaptureLine(file, (payload) => {
    frames.push(payload);
    return frames.length < count;
  });
  return frames;
}

/** A real frame torn, spliced, or with one character changed; or anything at all. */
function hostileFrames(seeds: readonly string[]): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    fc.string(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.tuple(seed, fc.nat()).map(([frame, at]) => frame.slice(0, at % (frame.length + 1))),
    fc.tuple(seed, fc.nat(), fc.string({ maxLength: 3 })).map(([frame, at, text]) => {
      const i = at % (frame.length + 1);
      return frame.slice(0, i) + text + frame.slice(i + 1);
    }),
    fc.tuple(seed, seed, fc.nat()).map(([a, b, at]) => a.slice(0, at % (a.length + 1)) + b.slice(at % (b.length + 1))),
    fc
      .tuple(seed, fc.constantFrom('1e999', '-1', 'NaN', '"x"', 'null', '[]', '{}', '99999999999999999999999'))
      .map(([frame, value]) => frame.replace(/"(px|sz|p|q|time|T|E)":("[^"]*"|\d+)/, `"$1":${value}`)),
  );
}

/** Parsing may refuse a frame, as a typed error of the project's tree; nothing else may escape. */
function parsesOrTypedError(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (error instanceof MmError) return error.message.length > 0;
    throw error;
  }
}

describe('fuzz: market-data parsers on hostile frames', () => {
  let hyperliquid: string[];
  let binance: string[];
  beforeAll(async () => {
    hyperliquid = await seedFrames(capturePath(HYPERLIQUID_0126), 50);
    binance = await seedFrames(capturePath(BINANCE_0808), 50);
  });

  it(`HyperliquidParser: ${RUNS} torn and mutated real frames parse or fail with a typed error`, () => {
    const parser = new HyperliquidParser(HYPERLIQUID_BTC);
    fc.assert(
      fc.property(hostileFrames(hyperliquid), (frame) => parsesOrTypedError(() => parser.emit(frame, 1, visitor))),
      { numRuns: RUNS },
    );
    // The parser's scratch state is not poisoned: a real frame still parses.
    expect(parser.parse(hyperliquid[0]!, 1)).not.toBe('ignored');
  });

  it(`BinanceUsdmParser: ${RUNS} torn and mutated real frames parse or fail with a typed error`, () => {
    const parser = new BinanceUsdmParser(BINANCE_USDM_BTCUSDT);
    fc.assert(
      fc.property(hostileFrames(binance), (frame) => parsesOrTypedError(() => parser.emit(frame, 1, visitor))),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz: capture files (truncated gzip, random bytes, torn lines)', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'mm-fuzz-capture-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reads or refuses with a typed error, never anything else', async () => {
    const good = gzipSync(Buffer.from('1737918843542000000 {"channel":"l2Book"}\n1737918843543000000 {"a":1}\n'));
    const files = fc.oneof(
      fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
      fc.nat().map((at) => good.subarray(0, at % good.length)),
      fc.string().map((text) => gzipSync(Buffer.from(text))),
      fc
        .array(fc.tuple(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String), fc.string({ maxLength: 8 })), fc.string()), {
          maxLength: 5,
        })
        .map((lines) => gzipSync(Buffer.from(lines.map(([time, frame]) => `${time} ${frame}`).join('\n')))),
    );
    let index = 0;
    await fc.assert(
      fc.asyncProperty(files, async (bytes) => {
        const file = path.join(work, `f${index++}.gz`);
        writeFileSync(file, bytes);
        try {
          await forEachCaptureLine(file, () => true);
          return true;
        } catch (error) {
          if (error instanceof MmError) return true;
          throw error;
        }
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  });
});
