import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CAPTURE_MANIFEST_FORMAT, type CaptureManifest } from './capture-manifest.js';
import { GAP_MARKER_CHANNEL, type RecordedGap } from './gap-marker.js';
import { nanosToMillis } from './receive-clock.js';
import { periodStartMs, type RotatePeriod } from './rotation.js';

const GAP_REASONS = new Set<string>(['disconnect', 'stale', 'restart', 'crash-restart']);

/** The coin a recorded frame is about (`?` when it names none). */
export function frameCoin(channel: string, data: unknown): string {
  if (channel === 'trades' && Array.isArray(data)) {
    const first = data[0] as { coin?: unknown } | undefined;
    return typeof first?.coin === 'string' ? first.coin : '?';
  }
  const coin = (data as { coin?: unknown } | null)?.coin;
  return typeof coin === 'string' ? coin : '?';
}

/**
 * A manifest rebuilt from the capture's own lines (its first `validBytes`, whole gzip members), for
 * a capture whose manifest is missing or unreadable: first and last times, lines, messages per
 * stream, the gaps its markers record and the sessions they imply. Reads the file into memory.
 */
export function manifestFromCapture(
  file: string,
  options: { venue: string; coins: readonly string[]; rotate: RotatePeriod; validBytes: number },
): CaptureManifest {
  const text = options.validBytes === 0 ? '' : gunzipSync(readFileSync(file).subarray(0, options.validBytes)).toString('utf8');
  let firstNs: string | null = null;
  let lastNs: string | null = null;
  let lines = 0;
  const messages: Record<string, number> = {};
  const gaps: RecordedGap[] = [];
  const coins = new Set(options.coins);
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const ns = line.slice(0, space);
    lines += 1;
    firstNs ??= ns;
    lastNs = ns;
    let frame: { channel?: unknown; data?: unknown };
    try {
      frame = JSON.parse(line.slice(space + 1)) as typeof frame;
    } catch {
      continue;
    }
    const channel = typeof frame.channel === 'string' ? frame.channel : '?';
    if (channel === GAP_MARKER_CHANNEL) {
      const gap = frame.data as Partial<RecordedGap> | null;
      if (gap && GAP_REASONS.has(String(gap.reason)) && typeof gap.fromNs === 'string' && typeof gap.toNs === 'string')
        gaps.push({ reason: gap.reason!, fromNs: gap.fromNs, toNs: gap.toNs });
      continue;
    }
    const coin = frameCoin(channel, frame.data);
    if (coin !== '?') coins.add(coin);
    const stream = `${channel}:${coin}`;
    messages[stream] = (messages[stream] ?? 0) + 1;
  }
  const time = (ns: string | null) => (ns === null ? null : new Date(nanosToMillis(BigInt(ns))).toISOString());
  const periodMs = firstNs === null ? Date.now() : nanosToMillis(BigInt(firstNs));
  return {
    format: CAPTURE_MANIFEST_FORMAT,
    version: 1,
    venue: options.venue,
    coins: [...coins],
    file: path.basename(file),
    rotate: options.rotate,
    periodStart: new Date(periodStartMs(periodMs, options.rotate)).toISOString(),
    firstLocalNs: firstNs,
    lastLocalNs: lastNs,
    firstLocalTime: time(firstNs),
    lastLocalTime: time(lastNs),
    messages,
    lines,
    gaps,
    committedBytes: options.validBytes,
    // Each restart leaves a marker; the run before the first one is a session too.
    sessions: (lines > 0 ? 1 : 0) + gaps.filter((gap) => gap.reason === 'restart' || gap.reason === 'crash-restart').length,
    closedCleanly: true,
  };
}
