import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readCaptureLines } from '@mm/feeds';
import { describe, expect, it } from 'vitest';
import { formatCaptureLine } from './capture-line.js';
import { GzipMemberFile } from './gzip-member-file.js';
import { repairGzipFile } from './repair-gzip-file.js';

const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'gzm-')), 'capture.gz');

async function readAll(file: string): Promise<string[]> {
  const payloads: string[] = [];
  for await (const line of readCaptureLines(file)) payloads.push(`${line.localTimeNanosText} ${line.payload}`);
  return payloads;
}

describe('GzipMemberFile', () => {
  it('writes one gzip member per flush, read back as one stream', async () => {
    const file = tempFile();
    const writer = new GzipMemberFile(file, { fsync: false });
    writer.append(formatCaptureLine(1n, '{"a":1}'));
    expect(writer.flush()).toBeGreaterThan(0);
    writer.append(formatCaptureLine(2n, '{"a":2}'));
    writer.close();
    expect(statSync(file).size).toBe(writer.bytes);
    expect(repairGzipFile(file, { dryRun: true })).toMatchObject({ members: 2, removedBytes: 0 });
    expect(await readAll(file)).toEqual(['1 {"a":1}', '2 {"a":2}']);
  });

  it('appends to an existing file after a restart', async () => {
    const file = tempFile();
    new GzipMemberFile(file, { fsync: false }).append('x'); // never flushed: lost, as in a crash
    const first = new GzipMemberFile(file, { fsync: false });
    first.append(formatCaptureLine(1n, '{}'));
    first.close();
    const second = new GzipMemberFile(file, { fsync: false });
    second.append(formatCaptureLine(2n, '{}'));
    second.close();
    expect(await readAll(file)).toEqual(['1 {}', '2 {}']);
  });
});

describe('repairGzipFile', () => {
  it('cuts a half-written trailing member so the file reads again', async () => {
    const file = tempFile();
    const writer = new GzipMemberFile(file, { fsync: false });
    for (let i = 1; i <= 3; i += 1) {
      writer.append(formatCaptureLine(BigInt(i), `{"i":${i}}`));
      writer.flush();
    }
    writer.close();
    const whole = statSync(file).size;
    const torn = gzipSync(Buffer.from(formatCaptureLine(4n, '{"i":4}'.repeat(50))));
    appendFileSync(file, torn.subarray(0, torn.length - 7));
    expect(() => gunzipSync(readFileSync(file))).toThrow();
    const repair = repairGzipFile(file);
    expect(repair).toMatchObject({ members: 3, validBytes: whole, removedBytes: torn.length - 7 });
    expect(statSync(file).size).toBe(whole);
    expect(await readAll(file)).toEqual(['1 {"i":1}', '2 {"i":2}', '3 {"i":3}']);
  });

  it('cuts a member torn inside its header, and leaves a sound file alone', () => {
    const file = tempFile();
    const writer = new GzipMemberFile(file, { fsync: false });
    writer.append(formatCaptureLine(1n, '{}'));
    writer.close();
    const sound = statSync(file).size;
    expect(repairGzipFile(file)).toMatchObject({ removedBytes: 0, members: 1 });
    appendFileSync(file, Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    expect(repairGzipFile(file)).toMatchObject({ removedBytes: 4, validBytes: sound });
  });
});
