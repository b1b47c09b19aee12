import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { BotSnapshot } from './bot-snapshot.js';
import type { NotificationOutcome } from './discord-notifier.js';

export const RISK_STATUS_LEVEL: Record<BotSnapshot['risk']['status'], number> = { NORMAL: 0, WARNING: 1, CRITICAL: 2, HALT: 3 };

export interface MonitoringMetricsOptions {
  /** Metric name prefix. */
  prefix?: string;
  /** Also register prom-client's process and Node.js default metrics on this registry. */
  defaultMetrics?: boolean;
  /** Labels on every series (e.g. `{ bot: 'mm-1' }`). */
  defaultLabels?: Record<string, string>;
}

type PnlPart = 'total' | 'spread_capture' | 'rebates' | 'fees' | 'inventory';

/**
 * The bot's Prometheus metrics, on a registry of their own (never prom-client's global one, so two
 * bots in one process or a test never share series). Gauges mirror the latest `BotSnapshot`;
 * cumulative values in the snapshot (fills, volume) become counters increased by their change, so
 * `rate()` works and feeding the same snapshot twice counts nothing twice. Commands, denials and
 * API errors are counted by the bot directly as they happen.
 */
export class MonitoringMetrics {
  readonly registry: Registry;
  private readonly positionBase: Gauge<'symbol'>;
  private readonly positionUsd: Gauge<'symbol'>;
  private readonly pnlUsd: Gauge<'symbol' | 'part'>;
  private readonly totalPnlUsd: Gauge;
  private readonly maxDrawdownUsd: Gauge;
  private readonly fills: Counter<'symbol' | 'side' | 'liquidity'>;
  private readonly volumeUsd: Counter<'symbol'>;
  private readonly quotesResting: Gauge<'symbol' | 'side'>;
  private readonly bestPrice: Gauge<'symbol' | 'side'>;
  private readonly spreadCapturedBps: Gauge<'symbol'>;
  private readonly riskStatus: Gauge;
  private readonly riskRuleFired: Gauge<'rule_id'>;
  private readonly failClosed: Gauge;
  private readonly botInfo: Gauge<'mode'>;
  private readonly uptimeSeconds: Gauge;
  private readonly snapshotTimeSeconds: Gauge;
  private readonly commandsSent: Counter<'type'>;
  private readonly commandsDenied: Counter<'rule_id'>;
  private readonly apiErrors: Counter;
  private readonly notifications: Counter<'outcome'>;
  private readonly loopDelay: IntervalHistogram;
  /** Cumulative values already counted, by series key. */
  private readonly counted = new Map<string, number>();
  private firedRuleIds = new Set<string>();

  constructor(options: MonitoringMetricsOptions = {}) {
    const prefix = options.prefix ?? 'mm_';
    const registry = new Registry();
    this.registry = registry;
    if (options.defaultLabels !== undefined) registry.setDefaultLabels(options.defaultLabels);
    if (options.defaultMetrics === true) collectDefaultMetrics({ register: registry, prefix });
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
      new Gauge<L>({ name: prefix + name, help, labelNames, registers: [registry] });
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
      new Counter<L>({ name: prefix + name, help, labelNames, registers: [registry] });

    this.positionBase = gauge('position_base', 'Position in base units (negative: short).', ['symbol']);
    this.positionUsd = gauge('position_usd', 'Position notional in USD at the mid (negative: short).', ['symbol']);
    this.pnlUsd = gauge('pnl_usd', 'PnL in USD by part: total, spread_capture, rebates, fees (paid, positive is a cost), inventory.', [
      'symbol',
      'part',
    ]);
    this.totalPnlUsd = gauge('total_pnl_usd', 'PnL in USD over every asset.');
    this.maxDrawdownUsd = gauge('max_drawdown_usd', 'Largest fall of total PnL from its peak, USD.');
    this.fills = counter('fills_total', 'Fills by side and liquidity (unknown: beyond the recent-fills list of a snapshot).', [
      'symbol',
      'side',
      'liquidity',
    ]);
    this.volumeUsd = counter('volume_usd_total', 'Traded notional in USD.', ['symbol']);
    this.quotesResting = gauge('quotes_resting', 'Our resting and in-flight quotes.', ['symbol', 'side']);
    this.bestPrice = gauge('book_best_price', 'Best bid and ask of the book.', ['symbol', 'side']);
    this.spreadCapturedBps = gauge('spread_captured_bps', 'Spread captured per unit of volume, bps.', ['symbol']);
    this.riskStatus = gauge('risk_status', 'Risk status: 0 NORMAL, 1 WARNING, 2 CRITICAL, 3 HALT.');
    this.riskRuleFired = gauge('risk_rule_fired', 'Risk rules in force right now (1); absent otherwise.', ['rule_id']);
    this.failClosed = gauge('fail_closed', '1 when the bot has stopped quoting (fail-closed).');
    this.botInfo = gauge('bot_info', 'Always 1; the mode as a label.', ['mode']);
    this.uptimeSeconds = gauge('uptime_seconds', 'Seconds since the bot started.');
    this.snapshotTimeSeconds = gauge('snapshot_time_seconds', 'Unix time of the latest snapshot.');
    this.commandsSent = counter('commands_sent_total', 'Order commands sent to the venue, by type.', ['type']);
    this.commandsDenied = counter('commands_denied_total', 'Order commands denied by a risk rule.', ['rule_id']);
    this.apiErrors = counter('api_errors_total', 'Venue API errors.');
    this.notifications = counter('notifications_total', 'Discord notifications by outcome.', ['outcome']);

    // A histogram sampled by libuv's timer; the gauges read it at scrape time and reset it, so
    // each scrape sees the lag since the previous one.
    this.loopDelay = monitorEventLoopDelay({ resolution: 10 });
    this.loopDelay.enable();
    const loopDelay = this.loopDelay;
    new Gauge({
      name: `${prefix}event_loop_lag_seconds`,
      help: 'Event loop delay since the previous scrape, by quantile.',
      labelNames: ['quantile'],
      registers: [registry],
      collect() {
        if (loopDelay.count === 0) return;
        this.set({ quantile: '0.5' }, loopDelay.percentile(50) / 1e9);
        this.set({ quantile: '0.99' }, loopDelay.percentile(99) / 1e9);
        this.set({ quantile: '1' }, loopDelay.max / 1e9);
        loopDelay.reset();
      },
    });
  }

  /** Mirrors a snapshot: gauges set, cumulative counts advanced by their change since the last one. */
  updateFromSnapshot(snapshot: BotSnapshot): void {
    for (const asset of snapshot.assets) {
      const symbol = asset.symbol;
      this.positionBase.set({ symbol }, asset.positionBase);
      this.positionUsd.set({ symbol }, asset.positionUsd);
      const parts: Record<PnlPart, number> = {
        total: asset.pnl.totalUsd,
        spread_capture: asset.pnl.spreadCaptureUsd,
        rebates: asset.pnl.rebatesUsd,
        fees: asset.pnl.feesUsd,
        inventory: asset.pnl.inventoryUsd,
      };
      for (const [part, value] of Object.entries(parts)) this.pnlUsd.set({ symbol, part }, value);
      this.quotesResting.set({ symbol, side: 'buy' }, asset.quotes.filter((quote) => quote.side === 'buy').length);
      this.quotesResting.set({ symbol, side: 'sell' }, asset.quotes.filter((quote) => quote.side === 'sell').length);
      this.setOrRemove(this.bestPrice, { symbol, side: 'bid' }, asset.bestBid);
      this.setOrRemove(this.bestPrice, { symbol, side: 'ask' }, asset.bestAsk);
      this.spreadCapturedBps.set({ symbol }, asset.spreadCapturedBps);
      this.advance(`volume ${symbol}`, asset.volumeUsd, (delta) => this.volumeUsd.inc({ symbol }, delta));
    }
    this.countFills(snapshot);

    this.totalPnlUsd.set(snapshot.totals.pnlUsd);
    this.maxDrawdownUsd.set(snapshot.totals.maxDrawdownUsd);
    this.riskStatus.set(RISK_STATUS_LEVEL[snapshot.risk.status]);
    const fired = new Set(snapshot.risk.firedRules.map((rule) => rule.ruleId));
    for (const ruleId of this.firedRuleIds) if (!fired.has(ruleId)) this.riskRuleFired.remove({ rule_id: ruleId });
    for (const ruleId of fired) this.riskRuleFired.set({ rule_id: ruleId }, 1);
    this.firedRuleIds = fired;
    this.failClosed.set(snapshot.failClosedReason === null ? 0 : 1);
    this.botInfo.reset();
    this.botInfo.set({ mode: snapshot.mode }, 1);
    this.uptimeSeconds.set(Math.max(0, (snapshot.timeUs - snapshot.startedUs) / 1e6));
    this.snapshotTimeSeconds.set(snapshot.timeUs / 1e6);
  }

  /** Commands the engine sent (its `onCommandsSent` hook). */
  recordCommandsSent(commands: ReadonlyArray<{ type: string }>): void {
    for (const command of commands) this.commandsSent.inc({ type: command.type });
  }

  /** A command a risk rule denied (the engine's `onCommandDenied` hook). */
  recordCommandDenied(ruleId: string): void {
    this.commandsDenied.inc({ rule_id: ruleId });
  }

  /** A venue API error (the execution's `api-error` notification). */
  recordApiError(): void {
    this.apiErrors.inc();
  }

  /** What happened to a Discord notification (`DiscordNotifier`'s `onOutcome`). */
  recordNotification(outcome: NotificationOutcome): void {
    this.notifications.inc({ outcome });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** Stops the event-loop sampler. */
  close(): void {
    this.loopDelay.disable();
  }

  /**
   * Fills by side from the per-asset totals (exact), split by liquidity using the newest entries
   * of `recentFills`; fills that no longer fit that list are counted as liquidity `unknown`.
   */
  private countFills(snapshot: BotSnapshot): void {
    const deltas = new Map<string, number>();
    let newFills = 0;
    for (const asset of snapshot.assets) {
      for (const side of ['buy', 'sell'] as const) {
        const key = `${asset.symbol} ${side}`;
        this.advance(`fills ${key}`, asset.fills[side], (delta) => {
          deltas.set(key, delta);
          newFills += delta;
        });
      }
    }
    if (newFills === 0) return;
    for (const fill of snapshot.recentFills.slice(0, newFills)) {
      const key = `${fill.symbol} ${fill.side}`;
      const left = deltas.get(key) ?? 0;
      if (left <= 0) continue;
      deltas.set(key, left - 1);
      this.fills.inc({ symbol: fill.symbol, side: fill.side, liquidity: fill.liquidity });
    }
    for (const [key, left] of deltas) {
      if (left <= 0) continue;
      const [symbol, side] = key.split(' ') as [string, string];
      this.fills.inc({ symbol, side, liquidity: 'unknown' }, left);
    }
  }

  /** Calls `inc` with the rise of a cumulative value; a fall (a restarted source) re-bases silently. */
  private advance(key: string, value: number, inc: (delta: number) => void): void {
    const previous = this.counted.get(key) ?? 0;
    this.counted.set(key, value);
    if (Number.isFinite(value) && value > previous) inc(value - previous);
  }

  private setOrRemove<L extends string>(gauge: Gauge<L>, labels: Record<L, string>, value: number | null): void {
    if (value === null || !Number.isFinite(value)) gauge.remove(labels);
    else gauge.set(labels, value);
  }
}
