import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Instrument, type Clock } from '@mm/core';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import { privateKeyToAccount } from 'viem/accounts';
import { FAULT_KINDS, planFaults, type FaultKind, type PlannedFault } from './fault-plan.js';
import { renderTimelinePage } from './report-page.js';
import { compareFills, maxInWindow, median, orphanOrders, pnlOf, positionOf, type PlainFill } from './soak-checks.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const liveBotDir = path.join(repositoryRoot, 'apps', 'live-bot');
export const DEFAULT_PAPER_DATA = path.resolve(repositoryRoot, '..', 'shared', 'data', 'binance-usdm', 'btcusdt_20240808.gz');

/** A throwaway key of the soak's own account on the local venue (not a secret: it signs for nothing real). */
const SOAK_KEY = `0x${'5a'.repeat(32)}` as const;
const ACCOUNT = privateKeyToAccount(SOAK_KEY).address.toLowerCase() as `0x${string}`;
const btc = Instrument.hyperliquidPerp('BTC', 5);

/** The bot's settings in the soak (its defaults, with room to lose so a losing stretch does not end the soak). */
export const SOAK_BOT_SETTINGS = {
  TOTAL_CAPITAL: 5_000,
  MAX_TOTAL_POSITION_USD: 2_000,
  MAX_DAILY_LOSS_USD: 500,
  MAX_DRAWDOWN_PCT: 20,
  BTC_ENABLED: true,
  BTC_MAX_POSITION_USD: 500,
  BTC_ORDER_SIZE_USD: 100,
  BTC_NUM_LEVELS: 3,
} as const;
/** The risk manager's default order rate (the bot does not change it). */
const MAX_ORDERS_PER_MINUTE = 60;
/**
 * The position rule pauses the growing side at the limit; the orders resting then can still fill,
 * so the hard bound is the limit plus one ladder of quotes (levels x order size).
 */
const POSITION_BOUND_USD = SOAK_BOT_SETTINGS.BTC_MAX_POSITION_USD + SOAK_BOT_SETTINGS.BTC_NUM_LEVELS * SOAK_BOT_SETTINGS.BTC_ORDER_SIZE_USD;
/** An orphan order or an unjournaled venue fill may last one reconcile (with its retries), no longer. */
const GRACE_MS = 15_000;
/** A fault not recovered from within this long is reported unrecovered and the soak moves on. */
const RECOVERY_TIMEOUT_MS = 60_000;
/** A bot process's RSS may grow this much from its first minute's median to its last minute's. */
const RSS_GROWTH_LIMIT_MB = 60;

export interface SoakOptions {
  faults: number;
  /** Stops injecting after this long (the faults not reached are reported as such). */
  minutes: number;
  seed: number;
  outDir: string;
  dataPath?: string;
  log?: (line: string) => void;
}

export interface FaultRecord {
  index: number;
  kind: FaultKind;
  atMs: number;
  holdMs: number;
  size: number;
  /**
   * From the fault cleared (for a bot kill: from the new process's spawn) to every check passing with
   * the bot quoting (or saying why not); null: not within the timeout.
   */
  recoveryMs: number | null;
  /** The checks still failing at the timeout. */
  failing: string[];
  note?: string;
}

export interface SoakReport {
  verdict: 'PASS' | 'FAIL';
  seed: number;
  startedAt: string;
  durationS: number;
  faultsPlanned: number;
  faultsInjected: number;
  faultsByKind: Record<string, number>;
  settings: typeof SOAK_BOT_SETTINGS & { positionBoundUsd: number; maxOrdersPerMinute: number; graceMs: number };
  checks: Record<string, { pass: boolean; detail: string }>;
  figures: {
    breaches: number;
    orphans: number;
    lostFills: number;
    inventedFills: number;
    unrecovered: number;
    worstRecoveryMs: number;
    worstRecoveryKind: string | null;
    medianRecoveryMs: number;
    venueFills: number;
    journalFills: number;
    botStarts: number;
    peakRssMb: number;
    peakSoakRssMb: number;
    maxOrdersPerMinute: number;
    maxPositionUsd: number;
    pnlJournalUsd: number;
    pnlVenueUsd: number;
  };
  violations: Array<{ atMs: number; check: string; detail: string }>;
  faults: FaultRecord[];
  /** Every few seconds: seconds since start, bot RSS and soak (venue) RSS in MB, position USD, our open orders. */
  samples: Array<{ t: number; botRssMb: number | null; soakRssMb: number; positionUsd: number; openOrders: number; pid: number | null }>;
  outputs: { report: string; page: string; journal: string; botLogs: string };
}

/** The venue's clock with forward jumps that are paid back by running at half speed: monotonic, bounded. */
class JumpingClock implements Clock {
  private offsetUs = 0;
  private paidFromUs = 0;
  now(): ReturnType<Clock['now']> {
    return (this.realUs() + this.currentOffset()) as ReturnType<Clock['now']>;
  }
  jump(ms: number): void {
    this.offsetUs = this.currentOffset() + ms * 1_000;
    this.paidFromUs = this.realUs();
  }
  private currentOffset(): number {
    return Math.max(0, this.offsetUs - (this.realUs() - this.paidFromUs) / 2);
  }
  private realUs(): number {
    return Date.now() * 1_000;
  }
}

interface BotProcess {
  child: ChildProcess;
  pid: number;
  startedMs: number;
  readyMs: number | undefined;
  monitorUrl: string | undefined;
  stdout: string;
  exit: Promise<{ code: number | null; signal: string | null }>;
  killedBySoak: boolean;
  rss: Array<{ atMs: number; mb: number }>;
}

/** Each line of a chunk prefixed (a chunk ending mid-line gets a newline, so prefixes never run together). */
const prefixLines = (prefix: string, text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `${prefix}${line}\n`)
    .join('');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.outDir, { recursive: true });
  const journalPath = path.join(options.outDir, 'journal.sqlite');
  const botLogPath = path.join(options.outDir, 'bot.log');
  const botLog: WriteStream = createWriteStream(botLogPath, { flags: 'w' });
  const startedAt = new Date();
  const t0 = Date.now();
  const since = () => Date.now() - t0;
  const violations: SoakReport['violations'] = [];
  const violation = (check: string, detail: string) => {
    violations.push({ atMs: since(), check, detail });
    log(`  VIOLATION ${check}: ${detail}`);
  };

  const clock = new JumpingClock();
  const venue: RunningHyperliquidVenue = await startHyperliquidVenue({
    dataPath: options.dataPath ?? DEFAULT_PAPER_DATA,
    isTestnet: true,
    accounts: [{ address: ACCOUNT, startingUsdc: SOAK_BOT_SETTINGS.TOTAL_CAPITAL }],
    // The bot's dead man's switch must be accepted for the venue to fire it.
    allowScheduleCancel: true,
    clock,
    log: (line) => botLog.write(`[venue] ${line}\n`),
  });
  log(`soak: venue ${venue.url} replaying ${options.dataPath ?? DEFAULT_PAPER_DATA}; journal ${journalPath}`);

  // ---- the bot as a child process, killed and restarted with its journal kept.
  const bots: BotProcess[] = [];
  let bot: BotProcess | undefined;
  const unexpectedExits: string[] = [];
  const rawStderr: string[] = [];
  const spawnBot = (): BotProcess => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: liveBotDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HL_MODE: 'testnet',
        HL_PRIVATE_KEY: SOAK_KEY,
        HL_API_URL: venue.url,
        HL_WS_URL: venue.wsUrl,
        JOURNAL_PATH: journalPath,
        MM_MONITOR_PORT: '0',
        NOTIFY_INTERVAL_SECONDS: '60',
        LOG_FILLS: 'false',
        ...Object.fromEntries(Object.entries(SOAK_BOT_SETTINGS).map(([key, value]) => [key, String(value)])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: BotProcess = {
      child,
      pid: child.pid ?? -1,
      startedMs: since(),
      readyMs: undefined,
      monitorUrl: undefined,
      stdout: '',
      exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
      killedBySoak: false,
      rss: [],
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = String(chunk);
      botLog.write(prefixLines(`[bot ${run.pid} out] `, text));
      // Only the start-up lines matter; the status reports would grow this without bound.
      if (run.readyMs === undefined) run.stdout += text;
      const dashboard = /dashboard (http:\/\/\S+?)\/\s/.exec(run.stdout);
      if (dashboard !== null) run.monitorUrl = dashboard[1];
      if (run.readyMs === undefined && run.stdout.includes('market maker running')) run.readyMs = since();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = String(chunk);
      botLog.write(prefixLines(`[bot ${run.pid} err] `, text));
      // JSON lines are the bot's own logs; anything else on stderr is Node reporting a crash.
      for (const line of text.split('\n')) {
        if (line.trim() !== '' && !line.startsWith('{') && rawStderr.length < 200) rawStderr.push(line);
      }
    });
    void run.exit.then(({ code, signal }) => {
      if (!run.killedBySoak) {
        const what = `bot pid ${run.pid} exited by itself (code ${code}, signal ${signal})`;
        unexpectedExits.push(what);
        violation('no-unexpected-exit', what);
      }
    });
    bots.push(run);
    return run;
  };
  const waitReady = async (run: BotProcess, timeoutMs = 90_000): Promise<boolean> => {
    for (let waited = 0; waited < timeoutMs; waited += 100) {
      if (run.readyMs !== undefined) return true;
      if (run.child.exitCode !== null || run.child.signalCode !== null) return false;
      await sleep(100);
    }
    return false;
  };
  const startBot = async (): Promise<BotProcess> => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const run = spawnBot();
      bot = run;
      if (await waitReady(run)) return run;
      violation('bot-starts', `bot pid ${run.pid} did not start (attempt ${attempt + 1}); see ${botLogPath}`);
      if (run.child.exitCode === null) {
        run.killedBySoak = true;
        run.child.kill('SIGKILL');
        await run.exit;
      }
    }
    throw new Error(`the bot did not start three times in a row; see ${botLogPath}`);
  };

  // ---- what the venue and the journal say (never the bot's own view).
  const query = <T>(sql: string, ...params: Array<string | number>): T[] => {
    const db = new DatabaseSync(journalPath, { readOnly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  const journalFills = () =>
    query<{ fill_id: string; side: 'buy' | 'sell'; price_ticks: number; size_lots: number; fee_quote: number }>(
      "SELECT fill_id, side, price_ticks, size_lots, fee_quote FROM events WHERE type = 'order-filled' AND fill_id IS NOT NULL",
    );
  /** Orders the bot's current session placed and holds as open (no terminal event journaled). */
  const botOpenCloids = (): Set<string> => {
    const rows = query<{ cloid: string }>(
      `SELECT DISTINCT c.client_order_id AS cloid FROM commands c
       WHERE c.session_id = (SELECT MAX(id) FROM sessions) AND c.type = 'place-order' AND c.client_order_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM events e WHERE e.client_order_id = c.client_order_id
         AND (e.type IN ('order-canceled', 'order-rejected') OR (e.type = 'order-filled' AND e.remaining_lots = 0)))`,
    );
    return new Set(rows.map((row) => row.cloid.toLowerCase()));
  };
  const venueFills = () => venue.core.accounts.get(ACCOUNT).fills;
  const venueOpen = () => venue.core.orders.openOrders(ACCOUNT);
  const midPrice = () => {
    const mid = venue.core.midTicks();
    return mid === undefined ? undefined : mid * btc.tickSize;
  };
  const venueFillsPlain = (): PlainFill[] =>
    venueFills().map((fill) => ({
      side: fill.side === 'B' ? 'buy' : 'sell',
      price: Number(fill.px),
      size: Number(fill.sz),
      feeQuote: Number(fill.fee),
    }));
  const journalFillsPlain = (): PlainFill[] =>
    journalFills().map((row) => ({
      side: row.side,
      price: row.price_ticks * btc.tickSize,
      size: row.size_lots * btc.lotSize,
      feeQuote: row.fee_quote,
    }));

  interface CheckState {
    orphans: string[];
    missingFills: string[];
    extraFills: string[];
    positionMatches: boolean;
    quotingOrSaysWhy: boolean;
  }
  /**
   * `actedSinceVenueMs`: quoting counts only if the bot placed or modified an order on the venue at
   * or after this venue time (it is trading again after the fault, not merely left resting).
   */
  const checkNow = async (actedSinceVenueMs?: number): Promise<CheckState> => {
    const open = venueOpen();
    const orphans = orphanOrders(
      open.map((order) => order.cloid),
      botOpenCloids(),
    );
    const comparison = compareFills(
      journalFills().map((row) => row.fill_id),
      venueFills().map((fill) => String(fill.tid)),
    );
    const journalLots = Math.round(positionOf(journalFillsPlain()) / btc.lotSize);
    const positionMatches = journalLots === venue.core.accounts.get(ACCOUNT).position.sizeLots;
    const newest = venue.core.orders.history(ACCOUNT, 1)[0];
    let quotingOrSaysWhy =
      open.length > 0 && (actedSinceVenueMs === undefined || (newest !== undefined && newest.timestampMs >= actedSinceVenueMs));
    if (!quotingOrSaysWhy && bot?.monitorUrl !== undefined) {
      // Not quoting is fine when the bot says why (a risk rule or a fail-closed reason).
      try {
        const snapshot = (await (await fetch(`${bot.monitorUrl}/api/snapshot`)).json()) as {
          risk: { firedRules: unknown[] };
          failClosedReason: string | null;
        };
        quotingOrSaysWhy = snapshot.risk.firedRules.length > 0 || snapshot.failClosedReason !== null;
      } catch {
        quotingOrSaysWhy = false;
      }
    }
    return { orphans, missingFills: comparison.missing, extraFills: comparison.extra, positionMatches, quotingOrSaysWhy };
  };
  const failingOf = (state: CheckState): string[] => [
    ...(state.orphans.length > 0 ? [`orphans ${state.orphans.length}`] : []),
    ...(state.missingFills.length > 0 ? [`unjournaled fills ${state.missingFills.length}`] : []),
    ...(state.extraFills.length > 0 ? [`journal fills not on the venue ${state.extraFills.length}`] : []),
    ...(state.positionMatches ? [] : ['journal position != venue position']),
    ...(state.quotingOrSaysWhy ? [] : ['not quoting again (no order since the fault) and not saying why']),
  ];

  // ---- the sampler: limits, orphans and lost fills past their grace, RSS.
  const samples: SoakReport['samples'] = [];
  const orphanSince = new Map<string, number>();
  const missingSince = new Map<string, number>();
  const reportedOrphans = new Set<string>();
  const reportedLost = new Set<string>();
  const inventedFills = new Set<string>();
  let maxPositionUsd = 0;
  let positionBreaches = 0;
  let botDown = false;
  let sampling = true;
  const readRssMb = (pid: number): number | null => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match === null ? null : Number(match[1]) / 1024;
    } catch {
      return null;
    }
  };
  let sampleCount = 0;
  const sampleOnce = async () => {
    const mid = midPrice();
    const positionUsd = mid === undefined ? 0 : venue.core.accounts.get(ACCOUNT).position.sizeLots * btc.lotSize * mid;
    maxPositionUsd = Math.max(maxPositionUsd, Math.abs(positionUsd));
    if (Math.abs(positionUsd) > POSITION_BOUND_USD) {
      positionBreaches += 1;
      violation('position-limit', `venue position $${positionUsd.toFixed(2)} beyond the bound $${POSITION_BOUND_USD}`);
    }
    const current = bot;
    const botRssMb = current === undefined || botDown ? null : readRssMb(current.pid);
    if (current !== undefined && botRssMb !== null) current.rss.push({ atMs: since(), mb: botRssMb });
    sampleCount += 1;
    if (sampleCount % 2 === 0)
      samples.push({
        t: Math.round(since() / 1000),
        botRssMb: botRssMb === null ? null : Math.round(botRssMb * 10) / 10,
        soakRssMb: Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10,
        positionUsd: Math.round(positionUsd * 100) / 100,
        openOrders: venueOpen().length,
        pid: current?.pid ?? null,
      });
    if (botDown || current?.readyMs === undefined) {
      orphanSince.clear();
      missingSince.clear();
      return;
    }
    const state = await checkNow();
    const now = since();
    for (const [map, ids, reported, check] of [
      [orphanSince, state.orphans, reportedOrphans, 'no-orphan-order'],
      [missingSince, state.missingFills, reportedLost, 'no-lost-fill'],
    ] as const) {
      for (const id of [...map.keys()]) if (!ids.includes(id)) map.delete(id);
      for (const id of ids) {
        const first = map.get(id) ?? now;
        map.set(id, first);
        if (now - first > GRACE_MS && !reported.has(id)) {
          reported.add(id);
          violation(check, `${id} for more than ${GRACE_MS / 1000} s`);
        }
      }
    }
    for (const id of state.extraFills) {
      if (!inventedFills.has(id)) {
        inventedFills.add(id);
        violation('no-invented-fill', `journal fill ${id} is not on the venue`);
      }
    }
  };
  const sampler = (async () => {
    while (sampling) {
      try {
        await sampleOnce();
      } catch (error) {
        log(`  sampler: ${(error as Error).message}`);
      }
      await sleep(1_000);
    }
  })();

  /** A trade printed through our best order on `side` (a fill the market gives us, e.g. while a fill fault is on). */
  const forceFill = (side: 'B' | 'A'): boolean => {
    const orders = venueOpen().filter((order) => (side === 'B') === order.isBuy);
    if (orders.length === 0) return false;
    const prices = orders.map((order) => order.limitPriceTicks);
    const best = side === 'B' ? Math.max(...prices) : Math.min(...prices);
    const size = Math.min(...orders.filter((order) => order.limitPriceTicks === best).map((order) => order.remainingLots));
    venue.core.exchange.applyTrade(0, side === 'A', side === 'B' ? best - 1 : best + 1, size);
    venue.core.scheduler.runDue();
    return true;
  };
  let forcedSide: 'B' | 'A' = 'B';
  const forceFills = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      // Alternate sides so forced fills do not walk the position into its limit.
      forcedSide = forcedSide === 'B' ? 'A' : 'B';
      if (!forceFill(forcedSide)) forceFill(forcedSide === 'B' ? 'A' : 'B');
    }
  };

  /** For a bot kill: the restarted process's start-up time, part of its recovery. */
  let startupMs = 0;
  const apply = async (fault: PlannedFault): Promise<string | undefined> => {
    startupMs = 0;
    switch (fault.kind) {
      case 'wsDrop':
        venue.applyFault({ fault: 'dropConnections' });
        return;
      case 'httpErrorBurst':
        venue.applyFault({ fault: 'httpError', status: fault.status ?? 429, count: fault.size });
        await sleep(fault.holdMs);
        venue.applyFault({ fault: 'reset' });
        return `${fault.size} x ${fault.status}`;
      case 'delayAcks':
        venue.applyFault({ fault: 'delayAcks', ms: fault.size });
        await sleep(fault.holdMs);
        venue.applyFault({ fault: 'delayAcks', ms: 0 });
        return `${fault.size} ms`;
      case 'loseAcks':
        venue.applyFault({ fault: 'loseAcks', count: fault.size });
        await sleep(fault.holdMs);
        venue.applyFault({ fault: 'reset' });
        return;
      case 'partialReject':
      case 'rejectAll':
        venue.applyFault({ fault: 'rejectOrders', reason: 'Insufficient margin to place order. asset=0', every: fault.size });
        await sleep(fault.holdMs);
        venue.applyFault({ fault: 'rejectOrders', reason: null });
        return fault.size > 1 ? `every ${fault.size}th order` : 'every order';
      case 'staleFeed':
        venue.applyFault({ fault: 'pauseFeed' });
        await sleep(fault.holdMs);
        venue.applyFault({ fault: 'resumeFeed' });
        return;
      case 'duplicateFills':
      case 'reorderFills':
        venue.applyFault({ fault: fault.kind, count: fault.size });
        // Fills the fault can act on: trades through our quotes while it is on.
        forceFills(Math.max(2, fault.size));
        await sleep(fault.holdMs);
        venue.applyFault({ fault: 'reset' });
        return;
      case 'malformedMessages':
        venue.applyFault({ fault: 'malformedMessages', count: fault.size });
        return;
      case 'deadMansSwitch':
        venue.applyFault({ fault: 'expireDeadMansSwitch' });
        return;
      case 'clockJump':
        clock.jump(fault.size);
        return `+${fault.size} ms`;
      case 'botKill': {
        const victim = bot!;
        victim.killedBySoak = true;
        botDown = true;
        victim.child.kill('SIGKILL');
        await victim.exit;
        // While it is down one of its resting orders fills: the restart must recover that fill.
        forceFills(1);
        await sleep(fault.holdMs);
        const restarted = await startBot();
        botDown = false;
        startupMs = restarted.readyMs! - restarted.startedMs;
        return `down ${fault.holdMs} ms, restart to ready ${startupMs} ms`;
      }
      case 'venueRestart':
        await venue.restart(fault.size);
        return `down ${fault.size} ms`;
    }
  };

  const waitRecovered = async (): Promise<{ recoveryMs: number | null; failing: string[] }> => {
    const from = Date.now();
    const fromVenueMs = venue.core.nowMs();
    let failing: string[] = [];
    while (Date.now() - from < RECOVERY_TIMEOUT_MS) {
      if (bot?.readyMs !== undefined && !botDown) {
        failing = failingOf(await checkNow(fromVenueMs));
        if (failing.length === 0) return { recoveryMs: Date.now() - from, failing };
      } else failing = ['bot not running'];
      await sleep(200);
    }
    return { recoveryMs: null, failing };
  };

  // ---- the run.
  const plan = planFaults(options.faults, options.seed);
  const records: FaultRecord[] = [];
  const deadline = t0 + options.minutes * 60_000;
  let report: SoakReport | undefined;
  try {
    await startBot();
    log(`soak: bot pid ${bot!.pid} quoting; ${plan.length} faults planned (seed ${options.seed}), at most ${options.minutes} min`);
    const first = await waitRecovered();
    if (first.recoveryMs === null) violation('bot-starts', `not quoting after start: ${first.failing.join(', ')}`);
    for (const fault of plan) {
      if (Date.now() >= deadline) break;
      const atMs = since();
      let note: string | undefined;
      try {
        note = await apply(fault);
      } catch (error) {
        note = `fault failed: ${(error as Error).message}`;
        violation('fault-applied', `${fault.kind}: ${(error as Error).message}`);
      }
      const recovered = await waitRecovered();
      if (recovered.recoveryMs !== null) recovered.recoveryMs += startupMs;
      const record: FaultRecord = { index: fault.index, kind: fault.kind, atMs, holdMs: fault.holdMs, size: fault.size, ...recovered };
      if (note !== undefined) record.note = note;
      records.push(record);
      if (recovered.recoveryMs === null) violation('recovered', `fault ${fault.index} ${fault.kind}: ${recovered.failing.join(', ')}`);
      if (records.length % 25 === 0 || recovered.recoveryMs === null)
        log(
          `soak: ${records.length}/${plan.length} faults, ${Math.round(since() / 1000)} s, last ${fault.kind} recovered in ${recovered.recoveryMs ?? 'TIMEOUT'} ms, violations ${violations.length}`,
        );
      await sleep(fault.gapMs);
    }
    // Let in-flight fills and a last reconcile land before the final checks.
    await waitRecovered();
    await sleep(2_000);
    await sampleOnce();
  } finally {
    sampling = false;
    await sampler;
    const last = bot;
    let stopDetail = 'bot not running';
    if (last !== undefined && last.child.exitCode === null && last.child.signalCode === null) {
      last.killedBySoak = true;
      last.child.kill('SIGTERM');
      const exited = await Promise.race([last.exit, sleep(60_000).then(() => undefined)]);
      if (exited === undefined) {
        last.child.kill('SIGKILL');
        await last.exit;
        stopDetail = 'did not stop within 60 s of SIGTERM (killed)';
      } else stopDetail = `exit code ${exited.code}`;
    }
    report = buildReport();
    report.checks['clean-stop'] = {
      pass: stopDetail === 'exit code 0' && venueOpen().length === 0,
      detail: `${stopDetail}; our orders left on the venue after stop: ${venueOpen().length}${
        venueOpen().length === 0
          ? ''
          : ` (${venueOpen()
              .map((order) => order.cloid ?? order.oid)
              .join(', ')})`
      }`,
    };
    if (!report.checks['clean-stop']!.pass) report.verdict = 'FAIL';
    await venue.close();
    await new Promise((resolve) => botLog.end(resolve));
    writeFileSync(report.outputs.report, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(report.outputs.page, renderTimelinePage(report));
  }
  return report;

  function buildReport(): SoakReport {
    const faultsByKind: Record<string, number> = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0]));
    for (const record of records) faultsByKind[record.kind] = (faultsByKind[record.kind] ?? 0) + 1;
    const recovered = records.filter((record) => record.recoveryMs !== null);
    const worst = recovered.reduce<FaultRecord | undefined>(
      (best, record) => (best === undefined || record.recoveryMs! > best.recoveryMs! ? record : best),
      undefined,
    );
    const jFills = journalFillsPlain();
    const vFills = venueFillsPlain();
    const comparison = compareFills(
      journalFills().map((row) => row.fill_id),
      venueFills().map((fill) => String(fill.tid)),
    );
    const mark = midPrice() ?? 0;
    const pnlJournal = pnlOf(jFills, mark);
    const pnlVenue = pnlOf(vFills, mark);
    const orderTimes = query<{ t: number }>("SELECT sent_local_us AS t FROM commands WHERE type IN ('place-order', 'modify-order')").map(
      (row) => row.t,
    );
    const busiestMinute = maxInWindow(orderTimes, 60_000_000);
    const rssGrowth = bots
      .filter((run) => run.rss.length > 0 && run.rss.at(-1)!.atMs - run.rss[0]!.atMs >= 180_000)
      .map((run) => {
        const startAt = run.rss[0]!.atMs;
        const endAt = run.rss.at(-1)!.atMs;
        // First minute after a minute of warm-up against the last minute.
        const early = median(
          run.rss.filter((sample) => sample.atMs >= startAt + 60_000 && sample.atMs < startAt + 120_000).map((sample) => sample.mb),
        );
        const late = median(run.rss.filter((sample) => sample.atMs >= endAt - 60_000).map((sample) => sample.mb));
        return { pid: run.pid, lifeS: Math.round((endAt - startAt) / 1000), earlyMb: early, lateMb: late, growthMb: late - early };
      });
    const worstGrowth = rssGrowth.reduce((most, run) => Math.max(most, run.growthMb), 0);
    const soakRss = samples.map((sample) => sample.soakRssMb);
    const soakEarly = median(soakRss.slice(Math.floor(soakRss.length * 0.1), Math.floor(soakRss.length * 0.3)));
    const soakLate = median(soakRss.slice(Math.floor(soakRss.length * 0.8)));
    const peakRss = Math.max(0, ...bots.flatMap((run) => run.rss.map((sample) => sample.mb)));
    const unrecovered = records.length - recovered.length;
    const checks: SoakReport['checks'] = {
      'position-limit': {
        pass: positionBreaches === 0,
        detail: `largest venue position $${maxPositionUsd.toFixed(2)} (bound: limit $${SOAK_BOT_SETTINGS.BTC_MAX_POSITION_USD} + one ladder = $${POSITION_BOUND_USD}); samples beyond: ${positionBreaches}`,
      },
      'orders-per-minute': {
        pass: busiestMinute <= MAX_ORDERS_PER_MINUTE,
        detail: `busiest rolling minute: ${busiestMinute} place/modify commands (limit ${MAX_ORDERS_PER_MINUTE}), all sessions`,
      },
      'daily-loss': {
        pass: pnlVenue > -SOAK_BOT_SETTINGS.MAX_DAILY_LOSS_USD,
        detail: `PnL from the venue's fills $${pnlVenue.toFixed(4)} (limit -$${SOAK_BOT_SETTINGS.MAX_DAILY_LOSS_USD})`,
      },
      'no-orphan-order': {
        pass: reportedOrphans.size === 0,
        detail: `venue orders the bot did not hold for more than ${GRACE_MS / 1000} s: ${reportedOrphans.size}`,
      },
      'fills-exactly-once': {
        pass:
          comparison.missing.length === 0 && comparison.extra.length === 0 && comparison.duplicated.length === 0 && reportedLost.size === 0,
        detail: `venue ${vFills.length}, journal ${jFills.length}; missing at the end ${comparison.missing.length}, invented ${comparison.extra.length}, duplicated ${comparison.duplicated.length}; unjournaled longer than ${GRACE_MS / 1000} s during the run: ${reportedLost.size}`,
      },
      'pnl-journal-equals-venue': {
        pass: Math.abs(pnlJournal - pnlVenue) < 1e-6,
        detail: `journal $${pnlJournal.toFixed(6)} vs venue fills $${pnlVenue.toFixed(6)} at mark ${mark}`,
      },
      'no-unhandled-error': {
        pass: rawStderr.length === 0 && unexpectedExits.length === 0,
        detail:
          rawStderr.length === 0 && unexpectedExits.length === 0 ? 'none' : [...unexpectedExits, ...rawStderr.slice(0, 10)].join(' | '),
      },
      'memory-flat': {
        pass: worstGrowth <= RSS_GROWTH_LIMIT_MB && !(soakLate - soakEarly > RSS_GROWTH_LIMIT_MB * 2),
        detail: `bot processes living >= 3 min: ${rssGrowth.length}, worst RSS growth ${worstGrowth.toFixed(1)} MB (limit ${RSS_GROWTH_LIMIT_MB}); soak+venue RSS ${soakEarly.toFixed(0)} -> ${soakLate.toFixed(0)} MB`,
      },
      'every-fault-recovered': {
        pass: unrecovered === 0,
        detail: `${recovered.length} of ${records.length} within ${RECOVERY_TIMEOUT_MS / 1000} s; worst ${worst?.recoveryMs ?? 0} ms (${worst?.kind ?? '-'})`,
      },
      'all-faults-injected': {
        pass: records.length === plan.length,
        detail: `${records.length} of ${plan.length} before the ${options.minutes}-minute cap`,
      },
    };
    const verdict = Object.values(checks).every((check) => check.pass) && violations.length === 0 ? 'PASS' : 'FAIL';
    return {
      verdict,
      seed: options.seed,
      startedAt: startedAt.toISOString(),
      durationS: Math.round(since() / 1000),
      faultsPlanned: plan.length,
      faultsInjected: records.length,
      faultsByKind,
      settings: {
        ...SOAK_BOT_SETTINGS,
        positionBoundUsd: POSITION_BOUND_USD,
        maxOrdersPerMinute: MAX_ORDERS_PER_MINUTE,
        graceMs: GRACE_MS,
      },
      checks,
      figures: {
        breaches: positionBreaches + (busiestMinute > MAX_ORDERS_PER_MINUTE ? 1 : 0) + (checks['daily-loss']!.pass ? 0 : 1),
        orphans: reportedOrphans.size,
        lostFills: comparison.missing.length + reportedLost.size,
        inventedFills: comparison.extra.length + comparison.duplicated.length,
        unrecovered,
        worstRecoveryMs: worst?.recoveryMs ?? 0,
        worstRecoveryKind: worst?.kind ?? null,
        medianRecoveryMs: median(recovered.map((record) => record.recoveryMs!)) || 0,
        venueFills: vFills.length,
        journalFills: jFills.length,
        botStarts: bots.length,
        peakRssMb: Math.round(peakRss * 10) / 10,
        peakSoakRssMb: Math.max(0, ...soakRss),
        maxOrdersPerMinute: busiestMinute,
        maxPositionUsd: Math.round(maxPositionUsd * 100) / 100,
        pnlJournalUsd: Math.round(pnlJournal * 1e6) / 1e6,
        pnlVenueUsd: Math.round(pnlVenue * 1e6) / 1e6,
      },
      violations,
      faults: records,
      samples,
      outputs: {
        report: path.join(options.outDir, 'soak-report.json'),
        page: path.join(options.outDir, 'soak-timeline.html'),
        journal: journalPath,
        botLogs: botLogPath,
      },
    };
  }
}
