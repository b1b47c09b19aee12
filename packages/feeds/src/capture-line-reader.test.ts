import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { nanosTextToMicros } from '@mm/core';
import { BINANCE_0808, capturePath } from '../test/captures.js';
import { forEachCaptureFrame, forEachCaptureLine, nanosBytesToMicros, readCaptureLines } from './capture-line-reader.js';
import { CaptureReadError } from './feed-parse-error.js';

const scratchDir = mkdtempSync(path.join(tmpdir(), 'mm-feeds-'));
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

function gzFile(name: string, text: string): string {
  const file = path.join(scratchDir, name);
  writeFileSync(file, gzipSync(Buffer.from(text, 'utf8')));
  return file;
}

describe('nanosBytesToMicros', () => {
  it('matches nanosTextToMicros, truncating the last three digits', () => {
    for (const text of ['1723161255030314667', '1000', '999', '7', '1737918843893903000', '9999999999999999999999']) {
      const bytes = new TextEncoder().encode(` ${text} `);
      expect(nanosBytesToMicros(bytes, 1, 1 + text.length)).toBe(nanosTextToMicros(text));
    }
    const bad = new TextEncoder().encode('12a4');
    expect(nanosBytesToMicros(bad, 0, 4)).toBeNaN();
    expect(nanosBytesToMicros(bad, 0, 0)).toBeNaN();
  });
});

describe('capture line reading', () => {
  it('splits lines across chunks, handles CRLF, blank lines, UTF-8 and a missing final newline', async () => {
    const long = `{"x":"${'y'.repeat(700_000)}"}`; // longer than one gunzip chunk
    const file = gzFile('mixed.gz', `1000 {"a":1}\r\n\n2000000 ${long}\n3999 {"é":"ü"}`);
    const seen: Array<[string, number, number]> = [];
    const summary = await forEachCaptureLine(file, (payload, localTimeUs, lineNumber) => {
      seen.push([payload.length > 20 ? `long:${payload.length}` : payload, localTimeUs, lineNumber]);
    });
    expect(seen).toEqual([
      ['{"a":1}', 1, 1],
      [`long:${long.length}`, 2000, 3],
      ['{"é":"ü"}', 3, 4],
    ]);
    expect(summary).toEqual({ lines: 3, stopped: false, lastLocalTimeUs: 3 });
  });

  it('hands frames over as byte ranges and stops when told', async () => {
    const file = gzFile('stop.gz', '1000 {"a":1}\n2000 {"a":2}\n3000 {"a":3}\n');
    const frames: string[] = [];
    const summary = await forEachCaptureFrame(file, (bytes, start, end) => {
      frames.push(new TextDecoder().decode(bytes.subarray(start, end)));
      return frames.length < 2;
    });
    expect(frames).toEqual(['{"a":1}', '{"a":2}']);
    expect(summary.stopped).toBe(true);
  });

  it('names the file and line of a malformed line or a failing handler', async () => {
    const file = gzFile('bad.gz', '1000 {}\nnot-a-time {}\n');
    await expect(forEachCaptureLine(file, () => {})).rejects.toThrow(/bad\.gz:2: line does not start/);
    const good = gzFile('good.gz', '1000 {}\n2000 {}\n');
    const failing = forEachCaptureLine(good, (_payload, _time, line) => {
      if (line === 2) throw new Error('boom');
    });
    await expect(failing).rejects.toBeInstanceOf(CaptureReadError);
    await expect(forEachCaptureLine(good, () => {}).then(() => 'ok')).resolves.toBe('ok');
    await expect(forEachCaptureLine(path.join(scratchDir, 'missing.gz'), () => {})).rejects.toThrow(/cannot read capture/);
  });

  it('yields line objects with the timestamp as text and micros', async () => {
    const file = gzFile('objects.gz', '1723161255030314667 {"a":1}\n');
    const lines = [];
    for await (const line of readCaptureLines(file)) lines.push(line);
    expect(lines).toEqual([
      { localTimeNanosText: '1723161255030314667', localTimeUs: 1_723_161_255_030_314, payload: '{"a":1}', lineNumber: 1 },
    ]);
  });

  it('reads every line of a real capture in order', async () => {
    let lines = 0;
    let previous = 0;
    let backwards = 0;
    const summary = await forEachCaptureFrame(capturePath(BINANCE_0808), (_bytes, _start, _end, localTimeUs) => {
      lines += 1;
      if (localTimeUs < previous) backwards += 1;
      previous = localTimeUs;
    });
    expect(lines).toBe(93_954);
    expect(backwards).toBe(0);
    expect(summary.lastLocalTimeUs).toBe(nanosTextToMicros('1723161599833492584'));
  });
});
