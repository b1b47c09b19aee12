import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidInputError, parseConfig } from '@mm/core';
import { venueRulesPath } from '@mm/feeds';
import WebSocket from 'ws';
import { z } from 'zod';
import { formatCaptureLine, oneLineFrame } from './capture-line.js';
import {
  CAPTURE_MANIFEST_FORMAT,
  inspectManifest,
  manifestPathFor,
  readManifest,
  writeManifestAtomic,
  type CaptureManifest,
} from './capture-manifest.js';
import { gapMarkerFrame, type GapReason } from './gap-marker.js';
import { GzipMemberFile } from './gzip-member-file.js';
import { createReceiveClock, nanosToMillis, type ReceiveClock } from './receive-clock.js';
import { frameCoin, manifestFromCapture } from './rebuild-manifest.js';
import { repairGzipFile, type GzipRepair } from './repair-gzip-file.js';
import { captureFileName, periodStartMs } from './rotation.js';

export const l2RecorderOptionsSchema = z.strictObject({
  wsUrl: z.string().url(),
  /**
   * The venue's `/info` endpoint, asked for `meta` (each coin's `szDecimals`) on every connect; the
   * answer is saved beside each capture as `<file>.rules.json` so the converter knows the coins'
   * tick and lot rules as the venue had them. Default: the WebSocket URL's host, path `/info`.
   */
  infoUrl: z.string().url().optional(),
  coins: z.array(z.string().min(1)).min(1),
  /** Root folder; files go to `<outDir>/hyperliquid/` (the converter reads venue and coins from the content). */
  outDir: z.string().min(1),
  rotate: z.enum(['minute', 'hour', 'day']).default('hour'),
  /** A crash loses at most this much data. */
  flushIntervalMs: z.number().int().positive().max(1_000).default(1_000),
  /** An l2Book stream silent this long counts as stale: a gap is recorded and the socket renewed. */
  staleAfterMs: z.number().int().positive().default(10_000),
  reconnectMinMs: z.number().int().positive().default(250),
  reconnectMaxMs: z.number().int().positive().default(10_000),
  progressIntervalMs: z.number().int().nonnegative().default(5_000),
  /** fsync after each gzip member (off only for benchmarks). */
  fsync: z.boolean().default(true),
});

export type L2RecorderOptions = z.input<typeof l2RecorderOptionsSchema>;

export interface L2RecorderSummary {
  files: string[];
  messages: Record<string, number>;
  gaps: number;
  bytes: number;
  repaired: GzipRepair[];
}

interface OpenCapture {
  file: GzipMemberFile;
  manifest: CaptureManifest;
  manifestPath: string;
  periodStart: number;
}

const VENUE = 'hyperliquid';
const RECORDED_CHANNELS = new Set(['l2Book', 'trades']);

/**
 * Records Hyperliquid `l2Book` and `trades` frames for some coins into rotated gzip capture files
 * in the `<local ns> <raw frame>` line format of ../shared/data, with a manifest per file and
 * explicit gap markers for every hole (disconnect, stale stream, restart).
 */
export class L2Recorder {
  readonly config: Readonly<z.output<typeof l2RecorderOptionsSchema>>;
  readonly directory: string;
  private readonly clock: ReceiveClock;
  private readonly log: (line: string) => void;
  private socket: WebSocket | undefined;
  private capture: OpenCapture | undefined;
  private pendingGap: { reason: GapReason; fromNs: bigint } | undefined;
  private lastFrameNs: bigint | undefined;
  private readonly lastStreamNs = new Map<string, bigint>();
  private readonly totals: Record<string, number> = {};
  private readonly sinceProgress: Record<string, number> = {};
  private readonly files = new Set<string>();
  private repaired: GzipRepair[] = [];
  private gaps = 0;
  private attempt = 0;
  private stopping = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private lastProgressMs = 0;
  /** The venue's last `meta` answer (raw JSON text), and the capture files it was written beside. */
  private venueRules: string | undefined;
  private readonly rulesWritten = new Set<string>();

  private readonly onFatal: ((error: InvalidInputError) => void) | undefined;
  /** Why recording stopped by itself (an unknown coin), if it did. */
  failure: InvalidInputError | undefined;

  constructor(
    options: L2RecorderOptions,
    deps: { clock?: ReceiveClock; log?: (line: string) => void; onFatal?: (error: InvalidInputError) => void } = {},
  ) {
    this.config = parseConfig(l2RecorderOptionsSchema, options, 'recorder options');
    this.directory = path.join(this.config.outDir, VENUE);
    this.clock = deps.clock ?? createReceiveClock();
    this.log = deps.log ?? ((line) => console.log(line));
    this.onFatal = deps.onFatal;
  }

  /**
   * A fault no reconnect can mend (a coin the venue does not list): stop and say which, instead of
   * reconnecting every few seconds forever.
   */
  private fail(error: InvalidInputError): void {
    if (this.stopping) return;
    this.failure = error;
    this.log(`[recorder] ${error.message}`);
    this.stop();
    this.onFatal?.(error);
  }

  private unknownCoins(coins: readonly string[], known: readonly string[]): InvalidInputError {
    return new InvalidInputError(
      `unknown coin ${coins.join(', ')} on ${this.config.wsUrl}: the venue lists ${known.length > 0 ? `${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}` : 'no such coin'}; fix --coins`,
      { coins, venue: this.config.wsUrl },
    );
  }

  /** Repairs files a crash left, notes the restart gap, connects. */
  start(): void {
    mkdirSync(this.directory, { recursive: true });
    this.recoverPreviousRun();
    this.flushTimer = setInterval(() => this.tick(), this.config.flushIntervalMs);
    if (this.config.progressIntervalMs > 0) {
      this.lastProgressMs = Date.now();
      this.progressTimer = setInterval(() => this.progress(), this.config.progressIntervalMs);
    }
    this.connect();
  }

  /** Flushes and closes the current file (manifest `closedCleanly`), closes the socket. */
  stop(): L2RecorderSummary {
    this.stopping = true;
    clearInterval(this.flushTimer);
    clearInterval(this.progressTimer);
    clearTimeout(this.reconnectTimer);
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => {});
    this.socket?.terminate();
    this.closeCapture();
    const summary = this.summary();
    const streams = Object.entries(summary.messages)
      .map(([key, count]) => `${key} ${count}`)
      .join(', ');
    this.log(
      `[recorder] stopped: ${streams || 'no messages'}; ${summary.gaps} gaps; ${summary.files.length} file(s), ${summary.bytes} bytes written`,
    );
    return summary;
  }

  summary(): L2RecorderSummary {
    let bytes = 0;
    for (const file of this.files) {
      const manifest = readManifest(manifestPathFor(file));
      bytes += manifest?.committedBytes ?? 0;
    }
    if (this.capture !== undefined) bytes = Math.max(bytes, this.capture.file.bytes);
    return { files: [...this.files].sort(), messages: { ...this.totals }, gaps: this.gaps, bytes, repaired: this.repaired };
  }

  private recoverPreviousRun(): void {
    const names = readdirSync(this.directory)
      .filter((name) => name.endsWith('.gz'))
      .sort();
    let lastNs: bigint | undefined;
    let crashed = false;
    for (const name of names) {
      const file = path.join(this.directory, name);
      const manifestPath = manifestPathFor(file);
      const state = inspectManifest(manifestPath);
      let manifest = state.kind === 'valid' ? state.manifest : undefined;
      if (manifest?.closedCleanly !== true) {
        const repair = this.repairKeepingTail(file);
        if (manifest !== undefined) {
          manifest = { ...manifest, committedBytes: repair.validBytes, closedCleanly: true };
          writeManifestAtomic(manifestPath, manifest);
        }
      }
      if (state.kind !== 'valid') {
        // Without its manifest the file's history (first line, counts, gaps) and the time of its
        // last line are still in the file: rebuild them from it instead of starting afresh, so the
        // next frame is appended after a gap marker and the history is not reset.
        let kept = '';
        if (state.kind === 'unreadable') {
          kept = `${manifestPath}.corrupt-${new Date().toISOString().replaceAll(':', '')}`;
          renameSync(manifestPath, kept);
        }
        const validBytes = statSync(file).size;
        manifest = manifestFromCapture(file, { venue: VENUE, coins: this.config.coins, rotate: this.config.rotate, validBytes });
        writeManifestAtomic(manifestPath, manifest);
        this.log(
          `[recorder] manifest ${manifestPath} ${state.kind === 'unreadable' ? `unreadable: ${state.reason}; kept as ${kept}` : 'missing'}; ` +
            `rebuilt from the capture: ${manifest.lines} lines, ${manifest.firstLocalTime ?? '-'} to ${manifest.lastLocalTime ?? '-'}, ${manifest.gaps.length} gaps; ` +
            'a gap marker follows its last line (whether that run stopped cleanly is not known)',
        );
        // Not known to have closed cleanly: the conservative reason.
        if (manifest.lastLocalNs !== null) {
          lastNs = BigInt(manifest.lastLocalNs);
          crashed = true;
        }
        continue;
      }
      if (state.manifest.lastLocalNs != null) {
        lastNs = BigInt(state.manifest.lastLocalNs);
        crashed = state.manifest.closedCleanly !== true;
      }
    }
    if (lastNs !== undefined) this.pendingGap = { reason: crashed ? 'crash-restart' : 'restart', fromNs: lastNs };
  }

  /**
   * Cuts a half-written member off the end of a capture a crash left; the bytes cut are saved
   * beside it first (`<file>.torn-<time>`), so a wrong guess loses nothing.
   */
  private repairKeepingTail(file: string): GzipRepair {
    const check = repairGzipFile(file, { dryRun: true });
    if (check.removedBytes > 0) {
      const tail = `${file}.torn-${new Date().toISOString().replaceAll(':', '')}`;
      const bytes = readFileSync(file).subarray(check.validBytes);
      writeFileSync(tail, bytes);
      const repair = repairGzipFile(file);
      this.log(`[recorder] repaired ${file}: cut ${repair.removedBytes} bytes of a half-written member (kept in ${tail})`);
      this.repaired.push(repair);
      return repair;
    }
    this.repaired.push(check);
    return check;
  }

  private connect(): void {
    if (this.stopping) return;
    const socket = new WebSocket(this.config.wsUrl);
    this.socket = socket;
    socket.on('open', () => {
      this.attempt = 0;
      const now = this.clock.nowNanos();
      for (const coin of this.config.coins) {
        for (const type of ['l2Book', 'trades']) {
          this.lastStreamNs.set(`${type}:${coin}`, now);
          socket.send(JSON.stringify({ method: 'subscribe', subscription: { type, coin } }));
        }
      }
      this.log(`[recorder] connected to ${this.config.wsUrl}, subscribed l2Book+trades for ${this.config.coins.join(',')}`);
      void this.refreshVenueRules();
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.onFrame(this.clock.nowNanos(), data.toString());
    });
    socket.on('error', (error) => this.log(`[recorder] socket error: ${error.message}`));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.openGap('disconnect');
      this.scheduleReconnect();
    });
  }

  /** The venue's `/info` URL: given, or the WebSocket URL's host with path `/info`. */
  get infoUrl(): string {
    if (this.config.infoUrl !== undefined) return this.config.infoUrl;
    const url = new URL(this.config.wsUrl);
    url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    url.pathname = '/info';
    return url.toString();
  }

  /** Asks the venue for `meta`; a failure is logged and recording goes on (the converter has a table). */
  private async refreshVenueRules(): Promise<void> {
    try {
      const response = await fetch(this.infoUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'meta' }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
      const meta = JSON.parse(text) as { universe?: unknown };
      if (!Array.isArray(meta.universe)) throw new Error(`answer has no 'universe': ${text.slice(0, 200)}`);
      const listed = meta.universe.map((asset) => (asset as { name?: unknown } | null)?.name).filter((name) => typeof name === 'string');
      const unknown = this.config.coins.filter((coin) => !listed.includes(coin));
      if (unknown.length > 0) {
        this.fail(this.unknownCoins(unknown, listed));
        return;
      }
      if (this.venueRules !== text) this.rulesWritten.clear();
      this.venueRules = text;
      if (this.capture !== undefined) this.writeVenueRules(this.capture.file.path);
    } catch (error) {
      this.log(
        `[recorder] venue rules (meta) not saved from ${this.infoUrl}: ${(error as Error).message}; the converter falls back to its built-in table`,
      );
    }
  }

  /** `<capture>.rules.json` beside a capture, written whole or not at all. */
  private writeVenueRules(capturePath: string): void {
    if (this.venueRules === undefined || this.rulesWritten.has(capturePath) || this.stopping) return;
    const target = venueRulesPath(capturePath);
    const temp = `${target}.tmp-${process.pid}`;
    writeFileSync(temp, this.venueRules);
    renameSync(temp, target);
    this.rulesWritten.add(capturePath);
  }

  private scheduleReconnect(): void {
    if (this.stopping) return;
    const delay = Math.min(this.config.reconnectMaxMs, this.config.reconnectMinMs * 2 ** this.attempt);
    this.attempt += 1;
    this.log(`[recorder] disconnected; reconnecting in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  /** A hole starts now (it ends at the next recorded frame); the first reason wins. */
  private openGap(reason: GapReason): void {
    if (this.pendingGap !== undefined) return;
    this.pendingGap = { reason, fromNs: this.lastFrameNs ?? this.clock.nowNanos() };
  }

  private onFrame(localNs: bigint, raw: string): void {
    if (this.stopping || raw.charCodeAt(0) !== 123) return; // not JSON: the greeting
    let parsed: { channel?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      return;
    }
    const channel = typeof parsed.channel === 'string' ? parsed.channel : '';
    if (channel === 'error' && typeof parsed.data === 'string' && parsed.data.startsWith('Invalid subscription')) {
      // The venue's answer to a subscription for a coin it does not have.
      const named = this.config.coins.filter((coin) => (parsed.data as string).includes(`"${coin}"`));
      this.fail(this.unknownCoins(named.length > 0 ? named : this.config.coins, []));
      return;
    }
    if (!RECORDED_CHANNELS.has(channel)) return;
    const coin = frameCoin(channel, parsed.data);
    const stream = `${channel}:${coin}`;
    const capture = this.captureFor(localNs);
    if (this.pendingGap !== undefined) {
      const gap = { reason: this.pendingGap.reason, fromNs: String(this.pendingGap.fromNs), toNs: String(localNs) };
      this.pendingGap = undefined;
      capture.file.append(formatCaptureLine(localNs, gapMarkerFrame(gap)));
      capture.manifest.gaps.push(gap);
      capture.manifest.lines += 1;
      this.gaps += 1;
      this.log(`[recorder] gap recorded (${gap.reason}): ${gap.fromNs} → ${gap.toNs}`);
    }
    capture.file.append(formatCaptureLine(localNs, oneLineFrame(raw, parsed)));
    const manifest = capture.manifest;
    manifest.messages[stream] = (manifest.messages[stream] ?? 0) + 1;
    manifest.lines += 1;
    if (manifest.firstLocalNs === null) {
      manifest.firstLocalNs = String(localNs);
      manifest.firstLocalTime = new Date(nanosToMillis(localNs)).toISOString();
    }
    manifest.lastLocalNs = String(localNs);
    manifest.lastLocalTime = new Date(nanosToMillis(localNs)).toISOString();
    this.totals[stream] = (this.totals[stream] ?? 0) + 1;
    this.sinceProgress[stream] = (this.sinceProgress[stream] ?? 0) + 1;
    this.lastFrameNs = localNs;
    this.lastStreamNs.set(stream, localNs);
  }

  /** The open file for `localNs`'s period: rotates when the period changed. */
  private captureFor(localNs: bigint): OpenCapture {
    const start = periodStartMs(nanosToMillis(localNs), this.config.rotate);
    if (this.capture !== undefined && this.capture.periodStart === start) return this.capture;
    this.closeCapture();
    const filePath = path.join(this.directory, captureFileName(this.config.coins, start, this.config.rotate));
    const manifestPath = manifestPathFor(filePath);
    const previous = readManifest(manifestPath);
    const file = new GzipMemberFile(filePath, { fsync: this.config.fsync });
    const manifest: CaptureManifest = previous ?? {
      format: CAPTURE_MANIFEST_FORMAT,
      version: 1,
      venue: VENUE,
      coins: [...this.config.coins],
      file: path.basename(filePath),
      rotate: this.config.rotate,
      periodStart: new Date(start).toISOString(),
      firstLocalNs: null,
      lastLocalNs: null,
      firstLocalTime: null,
      lastLocalTime: null,
      messages: {},
      lines: 0,
      gaps: [],
      committedBytes: 0,
      sessions: 0,
      closedCleanly: false,
    };
    manifest.coins = [...new Set([...manifest.coins, ...this.config.coins])];
    manifest.sessions += 1;
    manifest.closedCleanly = false;
    manifest.committedBytes = file.bytes;
    writeManifestAtomic(manifestPath, manifest);
    this.files.add(filePath);
    this.capture = { file, manifest, manifestPath, periodStart: start };
    this.writeVenueRules(filePath);
    return this.capture;
  }

  private flushCapture(): void {
    const capture = this.capture;
    if (capture === undefined || capture.file.pendingLength === 0) return;
    // Data first, then the manifest that describes it: a crash between leaves a manifest behind
    // the data, never ahead of it.
    capture.file.flush();
    capture.manifest.committedBytes = capture.file.bytes;
    writeManifestAtomic(capture.manifestPath, capture.manifest);
  }

  private closeCapture(): void {
    const capture = this.capture;
    if (capture === undefined) return;
    capture.file.close();
    capture.manifest.committedBytes = capture.file.bytes;
    capture.manifest.closedCleanly = true;
    writeManifestAtomic(capture.manifestPath, capture.manifest);
    this.capture = undefined;
  }

  private tick(): void {
    this.flushCapture();
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    const now = this.clock.nowNanos();
    const staleNs = BigInt(this.config.staleAfterMs) * 1_000_000n;
    for (const coin of this.config.coins) {
      const last = this.lastStreamNs.get(`l2Book:${coin}`);
      if (last !== undefined && now - last > staleNs) {
        this.log(`[recorder] l2Book:${coin} stale for ${this.config.staleAfterMs} ms; reconnecting`);
        this.openGap('stale');
        this.socket.terminate();
        return;
      }
    }
  }

  private progress(): void {
    const nowMs = Date.now();
    const seconds = Math.max(0.001, (nowMs - this.lastProgressMs) / 1000);
    this.lastProgressMs = nowMs;
    const rates = Object.keys(this.totals)
      .sort()
      .map((stream) => `${stream} ${((this.sinceProgress[stream] ?? 0) / seconds).toFixed(1)} msg/s`)
      .join(', ');
    for (const key of Object.keys(this.sinceProgress)) this.sinceProgress[key] = 0;
    const file = this.capture === undefined ? 'no file open' : `${path.basename(this.capture.file.path)} ${this.capture.file.bytes} bytes`;
    this.log(`[recorder] ${rates || 'no messages'}; ${file}; ${this.gaps} gaps`);
  }
}
