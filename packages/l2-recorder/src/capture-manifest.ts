import { existsSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { z } from 'zod';

export const CAPTURE_MANIFEST_FORMAT = 'mm-capture-manifest';

const gapSchema = z.object({
  reason: z.enum(['disconnect', 'stale', 'restart', 'crash-restart']),
  fromNs: z.string(),
  toNs: z.string(),
});

export const captureManifestSchema = z.object({
  format: z.literal(CAPTURE_MANIFEST_FORMAT),
  version: z.literal(1),
  venue: z.string(),
  coins: z.array(z.string()),
  /** The capture file's name (same folder). */
  file: z.string(),
  rotate: z.enum(['minute', 'hour', 'day']),
  periodStart: z.string(),
  /** Local receive times (ns, text) of the first and last line; null while empty. */
  firstLocalNs: z.string().nullable(),
  lastLocalNs: z.string().nullable(),
  firstLocalTime: z.string().nullable(),
  lastLocalTime: z.string().nullable(),
  /** Frames per stream, keyed `channel:coin` (`l2Book:BTC`, `trades:BTC`). */
  messages: z.record(z.string(), z.number()),
  lines: z.number(),
  gaps: z.array(gapSchema),
  /** Compressed bytes of whole gzip members at the last flush. */
  committedBytes: z.number(),
  /** Recorder runs that wrote to the file (a restart within the period appends). */
  sessions: z.number(),
  /** False while a recorder writes the file, or after it crashed. */
  closedCleanly: z.boolean(),
});

export type CaptureManifest = z.infer<typeof captureManifestSchema>;

export function manifestPathFor(capturePath: string): string {
  return `${capturePath}.manifest.json`;
}

/** Writes the manifest atomically: a temp file, fsynced, renamed over the old one. */
export function writeManifestAtomic(path: string, manifest: CaptureManifest): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** The manifest at `path`, or undefined when absent or unreadable (a partial temp never is). */
export function readManifest(path: string): CaptureManifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = captureManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What is at a manifest's path: nothing, a manifest, or a file that is not one (and why). */
export type ManifestState = { kind: 'absent' } | { kind: 'valid'; manifest: CaptureManifest } | { kind: 'unreadable'; reason: string };

export function inspectManifest(path: string): ManifestState {
  if (!existsSync(path)) return { kind: 'absent' };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { kind: 'unreadable', reason: `not JSON (${(error as Error).message})` };
  }
  const parsed = captureManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'unreadable', reason: `not a capture manifest (${issue.path.join('.') || 'root'}: ${issue.message})` };
  }
  return { kind: 'valid', manifest: parsed.data };
}
