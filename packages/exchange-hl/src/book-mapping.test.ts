import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Instrument } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookSnapshotFromWire, plainGridUnits } from './book-mapping.js';

const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
// Hyperliquid BTC: szDecimals 5, so sizes in 0.00001 and prices with 6 - 5 = 1 decimal (hyperliquid.md).
const btc = Instrument.hyperliquidPerp('BTC', 5);
const TICK = { units: 1, scale: 1 };
const LOT = { units: 1, scale: 5 };

describe('plainGridUnits', () => {
  it('counts grid steps of the venue texts by hand', () => {
    expect(plainGridUnits('105055.0', TICK)).toBe(1_050_550);
    expect(plainGridUnits('105055', TICK)).toBe(1_050_550);
    expect(plainGridUnits('0.00733', LOT)).toBe(733);
    expect(plainGridUnits('15.55272', LOT)).toBe(1_555_272);
    expect(plainGridUnits('3.0362200', LOT)).toBe(303_622);
    // A tick of 0.5 (units 5 at scale 1): 10.5 is 21 ticks, 10.2 is off the grid.
    expect(plainGridUnits('10.5', { units: 5, scale: 1 })).toBe(21);
    expect(plainGridUnits('10.2', { units: 5, scale: 1 })).toBeUndefined();
  });

  it('leaves texts it cannot do exactly to the exact parse', () => {
    for (const text of ['', '-1.0', '+1', '1e5', '.5', '5.', '1.2.3', ' 1', '0.000001', '1234567890123456', 'NaN'])
      expect(plainGridUnits(text, LOT), text).toBeUndefined();
  });

  it('agrees with the exact decimal parse wherever it answers', () => {
    const steps = [TICK, LOT, { units: 5, scale: 1 }, { units: 1, scale: 0 }, { units: 25, scale: 3 }];
    const stepText = (step: { units: number; scale: number }) => (step.units / 10 ** step.scale).toFixed(step.scale);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...steps),
        (digits, scale, step) => {
          const raw = digits.toString().padStart(scale + 1, '0');
          const text = scale === 0 ? raw : `${raw.slice(0, -scale)}.${raw.slice(-scale)}`;
          const instrument = new Instrument({ symbol: 'X', venue: 'test', tickSize: stepText(step), lotSize: '1', minNotional: 0 });
          let exact: number | undefined;
          try {
            exact = instrument.parsePriceTicks(text, 'exact');
          } catch {
            exact = undefined;
          }
          const fast = plainGridUnits(text, step);
          if (fast !== undefined) expect(fast).toBe(exact);
          // Small on-grid values are always answered (the fast path is the one taken).
          else if (exact !== undefined && digits < 10n ** 9n) expect.fail(`${text} on ${stepText(step)}: no fast answer for ${exact}`);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe('bookSnapshotFromWire', () => {
  it('maps every recorded l2Book frame to the ticks and lots of the exact parse', () => {
    const frames = gunzipSync(readFileSync(CAPTURE))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.includes('"channel":"l2Book"'))
      .map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)).data);
    expect(frames.length).toBeGreaterThan(40);
    for (const frame of frames) {
      const event = bookSnapshotFromWire(btc, frame, 1);
      const expected = (side: { px: string; sz: string }[]) =>
        side.map((level) => ({ priceTicks: btc.parsePriceTicks(level.px, 'exact'), sizeLots: btc.parseSizeLots(level.sz, 'exact') }));
      expect(event.bids).toEqual(expected(frame.levels[0]));
      expect(event.asks).toEqual(expected(frame.levels[1]));
      expect(event.venueTimeUs).toBe(frame.time * 1_000);
      for (const level of [...frame.levels[0], ...frame.levels[1]]) {
        expect(plainGridUnits(level.px, TICK), level.px).toBeDefined();
        expect(plainGridUnits(level.sz, LOT), level.sz).toBeDefined();
      }
    }
  });
});
