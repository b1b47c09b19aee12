import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBuffer } from './event-buffer.js';
import { openEventLog, writeEventLog, type EventLogMetadata } from './event-log-file.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags } from './event-row.js';
import { BatchBodyPool, readEventLogBatches } from './read-event-log-batches.js';

const work = mkdtempSync(path.join(tmpdir(), 'mm-read-log-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const metadata: EventLogMetadata = {
  format: 'mm-event-log',
  version: 2,
  instrument: { symbol: 'BTC', venue: 'test', tickSize: '0.1', lotSize: '0.001', minNotional: 10 },
  sources: ['synthetic'],
  clocks: { exchTimeUs: 'venue', localTimeUs: 'receive, shifted onto the venue clock' },
  localClockShiftUs: 0,
  receiveDelayUs: { min: 0, max: 0 },
  counts: { events: 0, depthLevelChanges: 0, snapshotLevels: 0, trades: 0, gaps: 0, rows: 0 },
  firstLocalTimeUs: 0,
  lastLocalTimeUs: 0,
};

describe('readEventLogBatches', () => {
  it('reads what writeEventLog wrote, batch by batch, like the Arrow reader does', async () => {
    const rows = new EventBuffer();
    for (let index = 0; index < 150_000; index += 1) {
      rows.push(
        eventFlags(index % 2 === 0 ? EventKind.BidLevel : EventKind.TradeSell, EXCHANGE_EVENT | LOCAL_EVENT),
        1e15 + index,
        1e15 + index + 7,
        600_000 + (index % 97),
        index % 13,
      );
    }
    const file = path.join(work, 'log.arrow');
    await writeEventLog(file, rows, metadata);
    const fast = [...readEventLogBatches(file)];
    const general: Array<{ length: number; flags: number[]; times: number[]; sizes: number[] }> = [];
    for await (const batch of (await openEventLog(file)).batches()) {
      general.push({ length: batch.length, flags: [...batch.flags], times: [...batch.localTimeUs], sizes: [...batch.sizeLots] });
    }
    expect(fast.map((batch) => batch.length)).toEqual(general.map((batch) => batch.length));
    expect(fast.reduce((sum, batch) => sum + batch.length, 0)).toBe(150_000);
    fast.forEach((batch, index) => {
      expect([...batch.flags]).toEqual(general[index]!.flags);
      expect([...batch.localTimeUs]).toEqual(general[index]!.times);
      expect([...batch.sizeLots]).toEqual(general[index]!.sizes);
    });
    expect(fast[1]!.exchTimeUs[0]).toBe(1e15 + 65_536);
  });

  it('says which file is broken when it is cut short', async () => {
    const file = path.join(work, 'cut.arrow');
    const rows = new EventBuffer();
    rows.push(eventFlags(EventKind.AskLevel, LOCAL_EVENT), 1, 2, 3, 4);
    await writeEventLog(file, rows, metadata);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 30));
    expect(() => [...readEventLogBatches(file)]).toThrow(/cut\.arrow is not a readable event log: file ends inside/);
  });
});

describe('BatchBodyPool', () => {
  it('reuses released bodies and gives the same rows', async () => {
    const rows = new EventBuffer();
    for (let index = 0; index < 200_000; index += 1) rows.push(eventFlags(EventKind.BidLevel, LOCAL_EVENT), index, index, index % 1_000, 1);
    const file = path.join(work, 'pooled.arrow');
    await writeEventLog(file, rows, metadata);
    const pool = new BatchBodyPool();
    const seenBuffers = new Set<ArrayBufferLike>();
    let total = 0;
    let checksum = 0;
    for (const batch of readEventLogBatches(file, pool)) {
      seenBuffers.add(batch.priceTicks.buffer);
      for (let row = 0; row < batch.length; row += 1) checksum += batch.priceTicks[row]!;
      total += batch.length;
      batch.release!();
    }
    expect(total).toBe(200_000);
    expect(checksum).toBe((200 * (999 * 1_000)) / 2);
    expect(seenBuffers.size).toBe(1); // four batches, one body
  });
});
