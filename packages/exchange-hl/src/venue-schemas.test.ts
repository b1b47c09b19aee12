import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { l2BookSchema, parseL2Book } from './venue-schemas.js';

const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
const frames: unknown[] = gunzipSync(readFileSync(CAPTURE))
  .toString('utf8')
  .split('\n')
  .filter((line) => line.includes('"channel":"l2Book"'))
  .map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)).data);

/** Ways a frame can differ from what the venue sends, each applied to a copy. */
const mutations: Array<(frame: any) => void> = [
  (frame) => delete frame.coin,
  (frame) => (frame.coin = 7),
  (frame) => (frame.time = '1737918843542'),
  (frame) => delete frame.time,
  (frame) => frame.levels.push([]),
  (frame) => frame.levels.pop(),
  (frame) => (frame.levels = { 0: frame.levels[0], 1: frame.levels[1] }),
  (frame) => (frame.levels[1][3].px = Number(frame.levels[1][3].px)),
  (frame) => (frame.levels[0][0].sz = Number(frame.levels[0][0].sz)),
  (frame) => delete frame.levels[0][5].sz,
  (frame) => (frame.levels[1][0] = null),
  (frame) => (frame.levels[0][2].px = null),
  (frame) => (frame.levels[0] = 'none'),
  (frame) => (frame.extra = { venue: 'adds fields' }),
  (frame) => (frame.levels[1][4].extra = 1),
  () => undefined,
];

describe('parseL2Book', () => {
  it('takes every recorded frame as the schema does', () => {
    expect(frames.length).toBeGreaterThan(40);
    for (const frame of frames) {
      const parsed = parseL2Book(frame);
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual(l2BookSchema.parse(frame));
    }
  });

  it('accepts, converts and refuses what the schema does, however a frame differs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: frames.length - 1 }), fc.subarray(mutations.map((_, index) => index)), (frameIndex, chosen) => {
        const frame = structuredClone(frames[frameIndex]) as any;
        for (const index of chosen) {
          try {
            mutations[index]!(frame);
          } catch {
            // a mutation on a part an earlier one removed: the frame stays as it is
          }
        }
        const ours = parseL2Book(frame);
        const schema = l2BookSchema.safeParse(frame);
        expect(ours.success).toBe(schema.success);
        if (schema.success) expect(ours.data).toEqual(schema.data);
        else expect(ours.error?.issues).toEqual(schema.error.issues);
      }),
      { numRuns: 500 },
    );
    expect(parseL2Book(null).success).toBe(false);
    expect(parseL2Book([]).success).toBe(false);
  });
});
