import { parseConfig } from '@mm/core';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BotSnapshot, FillSnapshot } from './bot-snapshot.js';

/**
 * Settings of the notifier. Discord allows about 30 messages a minute per webhook; the default
 * stays below that so a status report and a risk event still fit beside a fill burst.
 */
export const discordNotifierConfigSchema = z.strictObject({
  webhookUrl: z.url({ protocol: /^https?$/ }),
  notifyOnFill: z.boolean().default(true),
  notifyOnRiskEvent: z.boolean().default(true),
  maxMessagesPerWindow: z.number().int().min(1).max(30).default(25),
  windowMs: z.number().int().positive().default(60_000),
  /** Messages waiting to be sent; the oldest is dropped (and counted) beyond this. */
  maxQueueLength: z.number().int().min(1).max(10_000).default(50),
  requestTimeoutMs: z.number().int().positive().max(60_000).default(5_000),
  /** Attempts of one message when Discord answers 429 (rate limited). */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** Fill lines listed in one message; the rest are summarised per symbol and side. */
  maxFillLines: z.number().int().min(1).max(30).default(10),
  username: z.string().min(1).max(80).default('MM bot'),
});
export type DiscordNotifierConfig = z.output<typeof discordNotifierConfigSchema>;
export type DiscordNotifierConfigInput = z.input<typeof discordNotifierConfigSchema>;

/** What happened to one message (for a metrics counter). */
export type NotificationOutcome = 'sent' | 'dropped' | 'failed' | 'rate-limited';

/** Time as the notifier sees it; injected by tests so rate limiting is checked without waiting. */
export interface NotifierTiming {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export interface DiscordNotifierDeps {
  logger?: Pick<Logger, 'warn' | 'debug'>;
  timing?: NotifierTiming;
  onOutcome?: (outcome: NotificationOutcome) => void;
}

export interface DiscordNotifierStats {
  sent: number;
  dropped: number;
  failed: number;
  rateLimited: number;
  queued: number;
}

export type RiskStatusName = BotSnapshot['risk']['status'];

/** The body Discord's "execute webhook" endpoint takes (the part we use). */
export interface DiscordWebhookBody {
  content?: string;
  username?: string;
  embeds?: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  timestamp?: string;
}

type Entry =
  | { kind: 'message'; body: DiscordWebhookBody; attempts: number }
  | { kind: 'fills'; fills: FillSnapshot[]; moreFills: number; attempts: number };

const realTiming: NotifierTiming = {
  nowMs: () => Date.now(),
  // Unref: a pending rate-limit wait must not keep a stopping process alive.
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

const RISK_COLOURS: Record<RiskStatusName, number> = { NORMAL: 0x2ecc71, WARNING: 0xf1c40f, CRITICAL: 0xe67e22, HALT: 0xe74c3c };
/** A coalesced fill message keeps this many fills; a burst beyond it is only counted. */
const MAX_FILLS_KEPT = 500;

/**
 * Posts fills, risk events and status reports to a Discord webhook without ever making the caller
 * wait: every `notify*` call only queues. One sender drains the queue under a sliding-window rate
 * limit and Discord's own 429 `retry_after`; fills waiting in the queue are merged into one
 * message, so a burst costs one message rather than a rate-limit stall. A full queue drops its
 * oldest message (counted), because the newest state is what an operator needs.
 */
export class DiscordNotifier {
  readonly config: DiscordNotifierConfig;
  private readonly logger: DiscordNotifierDeps['logger'];
  private readonly timing: NotifierTiming;
  private readonly onOutcome: (outcome: NotificationOutcome) => void;
  private readonly queue: Entry[] = [];
  /** The fills entry still queued that new fills join. */
  private openFills: Extract<Entry, { kind: 'fills' }> | undefined;
  private readonly sendTimesMs: number[] = [];
  private pausedUntilMs = 0;
  private pumping = false;
  private pumpScheduled = false;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();
  private idleWaiters: Array<() => void> = [];
  /** Ends a rate-limit wait early (on close), so shutdown never waits out a window. */
  private wake: (() => void) | undefined;
  private lastRiskStatus: RiskStatusName | undefined;
  private lastFailClosedReason: string | null = null;
  private readonly counts = { sent: 0, dropped: 0, failed: 0, rateLimited: 0 };

  constructor(config: DiscordNotifierConfigInput, deps: DiscordNotifierDeps = {}) {
    this.config = parseConfig(discordNotifierConfigSchema, config, 'Discord notifier config');
    this.logger = deps.logger;
    this.timing = deps.timing ?? realTiming;
    this.onOutcome = deps.onOutcome ?? (() => {});
  }

  /** A fill (when `notifyOnFill`); fills still waiting are merged into one message. */
  notifyFill(fill: FillSnapshot): void {
    if (!this.config.notifyOnFill || this.closed) return;
    if (this.openFills !== undefined) {
      if (this.openFills.fills.length < MAX_FILLS_KEPT) this.openFills.fills.push(fill);
      else this.openFills.moreFills += 1;
      return;
    }
    const entry: Entry = { kind: 'fills', fills: [fill], moreFills: 0, attempts: 0 };
    this.openFills = entry;
    this.enqueue(entry);
  }

  /** A risk status (when `notifyOnRiskEvent`); only a change from the last one notified is sent. */
  notifyRiskStatus(risk: BotSnapshot['risk']): void {
    if (!this.config.notifyOnRiskEvent || this.closed) return;
    const previous = this.lastRiskStatus;
    if (previous === risk.status) return;
    this.lastRiskStatus = risk.status;
    // The first status seen is the baseline: a bot starting NORMAL is not news.
    if (previous === undefined && risk.status === 'NORMAL') return;
    const rules = risk.firedRules.map((rule) => `• \`${rule.ruleId}\`: ${rule.reason}`).join('\n');
    this.enqueueBody({
      embeds: [
        {
          title: `Risk status ${previous ?? '?'} → ${risk.status}`,
          description: clamp(`${risk.reason}${rules === '' ? '' : `\n${rules}`}`, 4_000),
          color: RISK_COLOURS[risk.status],
        },
      ],
    });
  }

  /** The bot stopped quoting (when `notifyOnRiskEvent`); repeats of the same reason are not sent. */
  notifyFailClosed(reason: string): void {
    if (!this.config.notifyOnRiskEvent || this.closed || reason === this.lastFailClosedReason) return;
    this.lastFailClosedReason = reason;
    this.enqueueBody({ embeds: [{ title: 'Stopped quoting (fail-closed)', description: clamp(reason, 4_000), color: RISK_COLOURS.HALT }] });
  }

  /**
   * Risk events read off a snapshot: a status change or a new fail-closed reason. For a bot that
   * feeds snapshots only; with the engine hooks wired to the methods above, this sends nothing twice.
   */
  observeSnapshot(snapshot: BotSnapshot): void {
    this.notifyRiskStatus(snapshot.risk);
    if (snapshot.failClosedReason !== null) this.notifyFailClosed(snapshot.failClosedReason);
    else this.lastFailClosedReason = null;
  }

  /** The periodic status report (always sent; the interval is the caller's). */
  notifyStatus(snapshot: BotSnapshot): void {
    if (this.closed) return;
    this.enqueueBody({ embeds: [statusEmbed(snapshot)] });
  }

  /** A plain text message. */
  notifyText(text: string): void {
    if (this.closed) return;
    this.enqueueBody({ content: clamp(text, 2_000) });
  }

  stats(): DiscordNotifierStats {
    return { ...this.counts, queued: this.queue.length };
  }

  /** Resolves once the queue is empty and nothing is in flight (tests; shutdown). */
  whenIdle(): Promise<void> {
    if (!this.pumping && !this.pumpScheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops accepting messages, gives the queue up to `flushTimeoutMs` to drain (a final status
   * report on shutdown), then aborts what is in flight and drops the rest.
   */
  async close(flushTimeoutMs = 0): Promise<void> {
    this.closed = true;
    if (flushTimeoutMs > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.whenIdle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, flushTimeoutMs)))]);
      clearTimeout(timer);
    }
    const left = this.queue.splice(0).length;
    for (let i = 0; i < left; i += 1) this.count('dropped');
    this.openFills = undefined;
    for (const controller of this.inFlight) controller.abort();
    this.wake?.();
    if (!this.pumping) this.resolveIdle();
  }

  private enqueueBody(body: Omit<DiscordWebhookBody, 'allowed_mentions'>): void {
    this.enqueue({ kind: 'message', body: { ...body, allowed_mentions: { parse: [] } }, attempts: 0 });
  }

  private enqueue(entry: Entry): void {
    this.queue.push(entry);
    while (this.queue.length > this.config.maxQueueLength) {
      const dropped = this.queue.shift()!;
      if (dropped === this.openFills) this.openFills = undefined;
      this.count('dropped');
    }
    this.schedulePump();
  }

  /** Starts the sender on a microtask, so what the caller queues in one go can be merged first. */
  private schedulePump(): void {
    if (this.pumping || this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const waitMs = this.waitMs();
        if (waitMs > 0) {
          await Promise.race([this.timing.sleep(waitMs), new Promise<void>((resolve) => (this.wake = resolve))]);
          this.wake = undefined;
          continue;
        }
        const entry = this.queue.shift()!;
        if (entry === this.openFills) this.openFills = undefined;
        entry.attempts += 1;
        this.sendTimesMs.push(this.timing.nowMs());
        const result = await this.post(this.render(entry));
        if (result.retryAfterMs !== undefined) {
          this.pausedUntilMs = Math.max(this.pausedUntilMs, this.timing.nowMs() + result.retryAfterMs);
        }
        if (result.kind === 'sent') this.count('sent');
        else if (result.kind === 'rate-limited') {
          this.count('rate-limited');
          if (entry.attempts < this.config.maxAttempts && !this.closed) {
            this.queue.unshift(entry);
            if (entry.kind === 'fills' && this.openFills === undefined) this.openFills = entry;
          } else this.count('failed');
        } else this.count('failed');
      }
    } finally {
      this.pumping = false;
      this.resolveIdle();
    }
  }

  private waitMs(): number {
    const now = this.timing.nowMs();
    while (this.sendTimesMs.length > 0 && now - this.sendTimesMs[0]! >= this.config.windowMs) this.sendTimesMs.shift();
    const windowWait = this.sendTimesMs.length >= this.config.maxMessagesPerWindow ? this.sendTimesMs[0]! + this.config.windowMs - now : 0;
    return Math.max(windowWait, this.pausedUntilMs - now, 0);
  }

  private async post(body: DiscordWebhookBody): Promise<{ kind: 'sent' | 'rate-limited' | 'failed'; retryAfterMs?: number }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      const response = await fetch(this.config.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(this.config.requestTimeoutMs)]),
      });
      const text = await response.text();
      if (response.status === 429) return { kind: 'rate-limited', retryAfterMs: retryAfterMs(response, text) };
      // Discord says when the bucket is empty; waiting then avoids a 429 at all.
      const remaining = response.headers.get('x-ratelimit-remaining');
      const resetAfter = Number(response.headers.get('x-ratelimit-reset-after'));
      const bucketWaitMs = remaining === '0' && Number.isFinite(resetAfter) && resetAfter > 0 ? Math.ceil(resetAfter * 1_000) : undefined;
      if (!response.ok) {
        // The URL carries the webhook's token: it is never logged, only the status.
        this.logger?.warn({ status: response.status }, 'discord webhook refused a message');
        return bucketWaitMs === undefined ? { kind: 'failed' } : { kind: 'failed', retryAfterMs: bucketWaitMs };
      }
      return bucketWaitMs === undefined ? { kind: 'sent' } : { kind: 'sent', retryAfterMs: bucketWaitMs };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      this.logger?.warn({ error: name === 'TimeoutError' ? 'timeout' : name }, 'discord webhook unreachable');
      return { kind: 'failed' };
    } finally {
      this.inFlight.delete(controller);
    }
  }

  private render(entry: Entry): DiscordWebhookBody {
    const body: DiscordWebhookBody =
      entry.kind === 'message'
        ? entry.body
        : { content: fillsContent(entry.fills, entry.moreFills, this.config.maxFillLines), allowed_mentions: { parse: [] } };
    return redactBody({ ...body, username: this.config.username }, this.config.webhookUrl);
  }

  private count(outcome: NotificationOutcome): void {
    if (outcome === 'sent') this.counts.sent += 1;
    else if (outcome === 'dropped') this.counts.dropped += 1;
    else if (outcome === 'failed') this.counts.failed += 1;
    else this.counts.rateLimited += 1;
    this.onOutcome(outcome);
  }

  private resolveIdle(): void {
    if (this.pumping || this.pumpScheduled || this.queue.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * The notifier the bot's settings ask for: none without `DISCORD_WEBHOOK_URL`. The URL's token is
 * a secret: it stays inside the notifier and is never logged.
 */
export function discordNotifierFromBotConfig(
  config: { DISCORD_WEBHOOK_URL?: string | undefined; NOTIFY_ON_FILL: boolean; NOTIFY_ON_RISK_EVENT: boolean },
  deps: DiscordNotifierDeps = {},
): DiscordNotifier | undefined {
  if (config.DISCORD_WEBHOOK_URL === undefined || config.DISCORD_WEBHOOK_URL === '') return undefined;
  return new DiscordNotifier(
    { webhookUrl: config.DISCORD_WEBHOOK_URL, notifyOnFill: config.NOTIFY_ON_FILL, notifyOnRiskEvent: config.NOTIFY_ON_RISK_EVENT },
    deps,
  );
}

/** Discord gives `retry_after` in seconds (a float) in the JSON body; the header is the fallback. */
function retryAfterMs(response: Response, text: string): number {
  let seconds = Number.NaN;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'retry_after' in parsed) seconds = Number(parsed.retry_after);
  } catch {
    // not JSON: use the header
  }
  if (!Number.isFinite(seconds)) seconds = Number(response.headers.get('retry-after'));
  // Bounded: a broken answer must not silence notifications for hours.
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds * 1_000), 600_000) : 1_000;
}

const usd = (value: number) => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;

function fillsContent(fills: readonly FillSnapshot[], moreFills: number, maxLines: number): string {
  const total = fills.length + moreFills;
  const lines = [`**${total === 1 ? 'Fill' : `${total} fills`}**`];
  for (const fill of fills.slice(0, maxLines)) {
    lines.push(
      `${fill.side === 'buy' ? '🟢 BUY' : '🔴 SELL'} ${fill.size} ${fill.symbol} @ ${fill.price} (${fill.liquidity}, fee ${usd(fill.feeUsd)})`,
    );
  }
  if (total > maxLines) {
    const groups = new Map<string, { count: number; size: number; notional: number }>();
    for (const fill of fills) {
      const key = `${fill.symbol} ${fill.side}`;
      const group = groups.get(key) ?? { count: 0, size: 0, notional: 0 };
      group.count += 1;
      group.size += fill.size;
      group.notional += fill.size * fill.price;
      groups.set(key, group);
    }
    lines.push(`… and ${total - Math.min(maxLines, fills.length)} more. By symbol and side:`);
    for (const [key, group] of groups) {
      lines.push(
        `${key}: ${group.count} fills, size ${round(group.size)}, avg price ${round(group.size > 0 ? group.notional / group.size : 0)}`,
      );
    }
    if (moreFills > 0) lines.push(`(${moreFills} further fills not itemised)`);
  }
  return clamp(lines.join('\n'), 2_000);
}

function statusEmbed(snapshot: BotSnapshot): DiscordEmbed {
  const upSeconds = Math.max(0, Math.round((snapshot.timeUs - snapshot.startedUs) / 1e6));
  const fields = snapshot.assets.slice(0, 20).map((asset) => ({
    name: asset.symbol,
    value: clamp(
      [
        `PnL ${usd(asset.pnl.totalUsd)} (spread ${usd(asset.pnl.spreadCaptureUsd)}, rebates ${usd(asset.pnl.rebatesUsd)}, fees ${usd(-asset.pnl.feesUsd)}, inventory ${usd(asset.pnl.inventoryUsd)})`,
        `inventory ${asset.positionBase} (${usd(asset.positionUsd)})`,
        `fills ${asset.fills.buy + asset.fills.sell} (${asset.fills.buy} buy / ${asset.fills.sell} sell), ${asset.spreadCapturedBps.toFixed(2)} bps captured`,
        `${asset.quotes.length} quotes resting; book ${asset.bestBid ?? '–'} / ${asset.bestAsk ?? '–'}`,
      ].join('\n'),
      1_000,
    ),
  }));
  fields.push({
    name: 'Risk',
    value: clamp(
      `${snapshot.risk.status}: ${snapshot.risk.reason}${snapshot.failClosedReason === null ? '' : `\nstopped quoting: ${snapshot.failClosedReason}`}`,
      1_000,
    ),
  });
  const t = snapshot.totals;
  return {
    title: clamp(`MM bot status (${snapshot.mode}, up ${formatDuration(upSeconds)})`, 250),
    description: `PnL **${usd(t.pnlUsd)}** | volume ${usd(t.volumeUsd)} | rebates ${usd(t.rebatesUsd)} | fees ${usd(t.feesUsd)} | max drawdown ${usd(t.maxDrawdownUsd)}`,
    color: RISK_COLOURS[snapshot.risk.status],
    fields,
    timestamp: new Date(snapshot.timeUs / 1_000).toISOString(),
  };
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  return `${d > 0 ? `${d}d ` : ''}${d > 0 || h > 0 ? `${h}h ` : ''}${m}m ${s % 60}s`;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const PRIVATE_KEY = /0x[0-9a-fA-F]{64}/g;
const WEBHOOK_URL = /https?:\/\/[^\s/]*\/api\/webhooks\/[^\s)]+/gi;

/**
 * Defence in depth: messages are built from snapshots that hold no secrets, but a reason string
 * could one day quote one. A private key or a webhook URL (its token) never leaves.
 */
export function redactSecrets(text: string, webhookUrl?: string): string {
  let out = text;
  if (webhookUrl !== undefined && webhookUrl !== '') out = out.split(webhookUrl).join('[redacted]');
  return out.replace(PRIVATE_KEY, '0x[redacted]').replace(WEBHOOK_URL, '[redacted]');
}

function redactBody(body: DiscordWebhookBody, webhookUrl: string): DiscordWebhookBody {
  return JSON.parse(JSON.stringify(body), (_key, value: unknown) =>
    typeof value === 'string' ? redactSecrets(value, webhookUrl) : value,
  ) as DiscordWebhookBody;
}
