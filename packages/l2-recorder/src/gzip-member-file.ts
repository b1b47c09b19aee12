import { closeSync, fsyncSync, openSync, statSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * An append-only gzip file written as a sequence of complete gzip members, one per `flush()`.
 * Concatenated members are one valid gzip stream, so a crash loses only what was buffered since
 * the last flush; a member cut off mid-write is removed by `repairGzipFile` on the next start.
 */
export class GzipMemberFile {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  /** Bytes on disk, all of them whole members. */
  bytes: number;

  constructor(
    readonly path: string,
    private readonly options: { fsync?: boolean } = {},
  ) {
    this.fd = openSync(path, 'a');
    this.bytes = statSync(path).size;
  }

  append(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
  }

  get pendingLength(): number {
    return this.pendingChars;
  }

  /** Writes what is buffered as one gzip member; returns its compressed size (0 when empty). */
  flush(): number {
    if (this.pending.length === 0) return 0;
    const member = gzipSync(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingChars = 0;
    let written = 0;
    while (written < member.length) written += writeSync(this.fd, member, written, member.length - written);
    if (this.options.fsync ?? true) fsyncSync(this.fd);
    this.bytes += member.length;
    return member.length;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
