import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
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
  const text = gzip ? source.pipe(createGunzip({ chunkSize: 1 << 18 })) : source;
  source.on('error', (error) => text.destroy(error));
  const lines = createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (onLine(line, lineNumber) === false) break;
    }
  } catch (error) {
    if (error instanceof MmError) throw error;
    throw new CaptureReadError(
      `cannot read '${file}' at line ${lineNumber}: ${(error as Error).message}`,
      { path: file, line: lineNumber },
      error,
    );
  } finally {
    lines.close();
    source.destroy();
  }
  return lineNumber;
}
