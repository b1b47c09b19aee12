import { readFileSync, truncateSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface GzipRepair {
  path: string;
  /** Bytes kept: every whole, valid gzip member from the start. */
  validBytes: number;
  /** Bytes cut off the end (a member the crash left half-written). */
  removedBytes: number;
  members: number;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

function isMemberStart(buffer: Buffer, at: number): boolean {
  return buffer[at] === GZIP_MAGIC[0] && buffer[at + 1] === GZIP_MAGIC[1] && buffer[at + 2] === GZIP_MAGIC[2];
}

function inflates(member: Buffer): boolean {
  try {
    gunzipSync(member);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the longest prefix of whole, valid gzip members (each checked by decompressing it, CRC
 * and length included) and, unless `dryRun`, truncates the file to it. Member ends are found by
 * trying each later gzip header as the next member's start: a false header inside compressed
 * data fails the check and the search moves on. Reads the whole file into memory.
 */
export function repairGzipFile(path: string, options: { dryRun?: boolean } = {}): GzipRepair {
  const buffer = readFileSync(path);
  let position = 0;
  let members = 0;
  while (position < buffer.length && isMemberStart(buffer, position)) {
    let end = -1;
    let next = buffer.indexOf(0x1f, position + 18);
    while (next >= 0) {
      if (isMemberStart(buffer, next) && inflates(buffer.subarray(position, next))) {
        end = next;
        break;
      }
      next = buffer.indexOf(0x1f, next + 1);
    }
    if (end < 0) {
      if (inflates(buffer.subarray(position))) end = buffer.length;
      else break;
    }
    members += 1;
    position = end;
  }
  const repair = { path, validBytes: position, removedBytes: buffer.length - position, members };
  if (repair.removedBytes > 0 && options.dryRun !== true) truncateSync(path, position);
  return repair;
}
