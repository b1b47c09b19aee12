import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { MmError } from '@mm/core';
import { CaptureReadError } from '../feed-parse-error.js';

/** True when the file starts with gzip's magic bytes. */
export async function isGzipFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Streams a text file (gzip or plain) line by line into `onLine(line, lineNumber)`; memory stays at
 * one read chunk, however long the file. Return `false` to stop. A read error or a throwing handler
 * rejects naming the file and line.
 */
export async function forEachTextLine(file: string, onLine: (line: string, lineNumber: number) => boolean | void): Promise<number> {
  const gzip = await isGzipFile(file).catch((error: Error) => {
    throw new CaptureReadError(`cannot read '${file}': ${error.message}`, { path: file }, error);
  });
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const text = gzip ? source.pipe(createGunzip({ chunkSize: 1 << 20 })) : source;
  source.on('error', (error) => text.destroy(error));
  // Lines split from big decoded chunks (readline's per-line events cost more than the parsing).
  const decoder = new StringDecoder('utf8');
  let lineNumber = 0;
  let rest = '';
  let stopped = false;
  const emit = (line: string): boolean => {
    lineNumber += 1;
    return onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line, lineNumber) === false;
  };
  try {
    for await (const chunk of text as AsyncIterable<Buffer>) {
      const piece = rest + decoder.write(chunk);
      let start = 0;
      let end = piece.indexOf('\n');
      while (end >= 0) {
        if (emit(piece.slice(start, end))) {
          stopped = true;
          break;
        }
        start = end + 1;
        end = piece.indexOf('\n', start);
      }
      if (stopped) break;
      rest = piece.slice(start);
    }
    if (!stopped) {
      rest += decoder.end();
      if (rest !== '') emit(rest);
    }
  } catch (error) {
    if (error instanceof MmError) throw error;
    throw new CaptureReadError(
      `cannot read '${file}' at line ${lineNumber}: ${(error as Error).message}`,
      { path: file, line: lineNumber },
      error,
    );
  } finally {
    source.destroy();
    if (text !== source) text.destroy();
  }
  return lineNumber;
}
