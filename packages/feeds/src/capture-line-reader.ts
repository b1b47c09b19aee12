import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { nanosTextToMicros, type Micros } from '@mm/core';
import { CaptureReadError, FeedParseError } from './feed-parse-error.js';

/** One capture line as objects: `<local receive time, ns> <raw frame>`. */
export interface CaptureLine {
  /** Local receive time as recorded, in nanoseconds (text: it does not fit a JS number exactly). */
  localTimeNanosText: string;
  localTimeUs: Micros;
  /** The raw frame (JSON text). */
  payload: string;
  /** 1-based line number in the file. */
  lineNumber: number;
}

/**
 * Called per line with the frame as UTF-8 bytes `bytes[start, end)` (valid only during the call);
 * return `false` to stop reading (the rest of the file is not decompressed).
 */
export type CaptureFrameHandler = (
  bytes: Uint8Array,
  start: number,
  end: number,
  localTimeUs: Micros,
  lineNumber: number,
) => boolean | void;

/** Called per line with the frame as a string; return `false` to stop. */
export type CaptureLineHandler = (payload: string, localTimeUs: Micros, lineNumber: number) => boolean | void;

export interface CaptureReadOptions {
  /** Bytes read from disk at a time (default 1 MiB). */
  readChunkBytes?: number;
}

export interface CaptureReadSummary {
  lines: number;
  /** True when the handler stopped the read early. */
  stopped: boolean;
  /** Local time of the last line handed over; NaN if none. */
  lastLocalTimeUs: Micros;
}

const NEWLINE = 10;
const SPACE = 32;
const CARRIAGE_RETURN = 13;
const decoder = new TextDecoder();

/**
 * Nanosecond digits `bytes[start, end)` → microseconds, truncating like `nanosTextToMicros`,
 * without allocating; the exact BigInt path beyond 2^53 µs. NaN unless 1–22 digits.
 */
export function nanosBytesToMicros(bytes: Uint8Array, start: number, end: number): Micros {
  const digits = end - start;
  if (digits < 1 || digits > 22) return Number.NaN;
  let micros = 0;
  for (let i = start; i < end; i += 1) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return Number.NaN;
    if (i < end - 3) micros = micros * 10 + (code - 48);
  }
  if (micros > Number.MAX_SAFE_INTEGER) return nanosTextToMicros(decoder.decode(bytes.subarray(start, end)));
  return micros;
}

/**
 * The decompressed file in blocks that hold whole lines only: each gunzip chunk up to its last
 * newline, and before it the line carried over from the previous chunk. Memory stays at one
 * chunk plus the longest line, whatever the file's length; the blocks are reused, valid until the
 * next one is requested.
 */
async function* wholeLineBlocks(path: string, options: CaptureReadOptions): AsyncGenerator<Uint8Array> {
  const source = createReadStream(path, { highWaterMark: options.readChunkBytes ?? 1 << 20 });
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let carry = new Uint8Array(1 << 16);
  let carryLength = 0;
  const append = (chunk: Uint8Array, from: number, to: number): void => {
    const needed = carryLength + (to - from);
    if (needed > carry.length) {
      const grown = new Uint8Array(Math.max(needed, carry.length * 2));
      grown.set(carry.subarray(0, carryLength));
      carry = grown;
    }
    carry.set(chunk.subarray(from, to), carryLength);
    carryLength = needed;
  };
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let from = 0;
      if (carryLength > 0) {
        const newline = chunk.indexOf(NEWLINE);
        if (newline < 0) {
          append(chunk, 0, chunk.length);
          continue;
        }
        append(chunk, 0, newline + 1);
        yield carry.subarray(0, carryLength);
        carryLength = 0;
        from = newline + 1;
      }
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      if (lastNewline >= from) {
        yield chunk.subarray(from, lastNewline + 1);
        from = lastNewline + 1;
      }
      if (from < chunk.length) append(chunk, from, chunk.length);
    }
    if (carryLength > 0) yield carry.subarray(0, carryLength);
  } catch (error) {
    if (error instanceof CaptureReadError) throw error;
    throw new CaptureReadError(`cannot read capture '${path}': ${(error as Error).message}`, { path }, error);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/**
 * Streams a gzip capture line by line into `onFrame(bytes, start, end, localTimeUs, lineNumber)`,
 * the frame as bytes of the decompressed buffer: no string per line, the fastest way to replay a
 * file (parsers read the bytes directly with `emitBytes`). Empty lines are skipped. A malformed
 * line or a throwing handler rejects with a `CaptureReadError` naming the file and line (the
 * original error as its `cause`).
 */
export async function forEachCaptureFrame(
  path: string,
  onFrame: CaptureFrameHandler,
  options: CaptureReadOptions = {},
): Promise<CaptureReadSummary> {
  let lines = 0;
  let lastLocalTimeUs = Number.NaN;
  const splitter = new CaptureLineSplitter(path);
  for await (const block of wholeLineBlocks(path, options)) {
    const stopped = splitter.forEachLine(block, (space, end, localTimeUs, lineNumber) => {
      lines += 1;
      lastLocalTimeUs = localTimeUs;
      let goOn: boolean | void;
      try {
        goOn = onFrame(block, space + 1, end, localTimeUs, lineNumber);
      } catch (error) {
        throw new CaptureReadError(
          `${path}:${lineNumber}: ${(error as Error).message}`,
          { path, lineNumber, ...(error instanceof FeedParseError ? error.context : {}) },
          error,
        );
      }
      return goOn;
    });
    if (stopped) return { lines, stopped: true, lastLocalTimeUs };
  }
  return { lines, stopped: false, lastLocalTimeUs };
}

/** `forEachCaptureFrame` with each frame decoded to a string (one string per line). */
export function forEachCaptureLine(
  path: string,
  onLine: CaptureLineHandler,
  options: CaptureReadOptions = {},
): Promise<CaptureReadSummary> {
  return forEachCaptureFrame(
    path,
    (bytes, start, end, localTimeUs, lineNumber) => onLine(decoder.decode(bytes.subarray(start, end)), localTimeUs, lineNumber),
    options,
  );
}

/** The lines as objects, for convenience (one object per line). */
export async function* readCaptureLines(path: string, options: CaptureReadOptions = {}): AsyncGenerator<CaptureLine> {
  const pending: CaptureLine[] = [];
  const splitter = new CaptureLineSplitter(path);
  for await (const block of wholeLineBlocks(path, options)) {
    splitter.forEachLine(block, (space, end, localTimeUs, lineNumber, lineStart) => {
      pending.push({
        localTimeNanosText: decoder.decode(block.subarray(lineStart, space)),
        localTimeUs,
        payload: decoder.decode(block.subarray(space + 1, end)),
        lineNumber,
      });
    });
    // Decoded copies: safe to hand out after the block is reused.
    yield* pending;
    pending.length = 0;
  }
}

/**
 * Splits blocks of whole lines into `<ns timestamp> <frame>` lines, numbering them across blocks,
 * and fails with the file and line when a line does not start with a timestamp.
 */
class CaptureLineSplitter {
  private lineNumber = 0;

  constructor(private readonly path: string) {}

  /**
   * Calls `onLine(space, end, localTimeUs, lineNumber, lineStart)` per non-empty line: the frame is
   * `block[space + 1, end)`. Returns true when `onLine` returned false (stop).
   */
  forEachLine(
    block: Uint8Array,
    onLine: (space: number, end: number, localTimeUs: Micros, lineNumber: number, lineStart: number) => boolean | void,
  ): boolean {
    let start = 0;
    while (start < block.length) {
      let end = block.indexOf(NEWLINE, start);
      if (end < 0) end = block.length;
      const next = end + 1;
      if (end > start && block[end - 1] === CARRIAGE_RETURN) end -= 1;
      this.lineNumber += 1;
      if (end > start) {
        let space = start;
        while (space < end && block[space] !== SPACE) space += 1;
        const localTimeUs = nanosBytesToMicros(block, start, space);
        if (Number.isNaN(localTimeUs) || space === end) {
          throw new CaptureReadError(`${this.path}:${this.lineNumber}: line does not start with a nanosecond timestamp`, {
            path: this.path,
            lineNumber: this.lineNumber,
            excerpt: decoder.decode(block.subarray(start, Math.min(end, start + 80))),
          });
        }
        if (onLine(space, end, localTimeUs, this.lineNumber, start) === false) return true;
      }
      start = next;
    }
    return false;
  }
}
