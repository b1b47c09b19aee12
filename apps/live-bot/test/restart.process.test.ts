import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DatabaseSync } from 'node:sqlite';
import { Instrument } from '@mm/core';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import { HttpTransport, InfoClient } from '@nktkas/hyperliquid';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLatencySamples, Journal } from '../src/journal/index.js';

const appDir = path.resolve(import.meta.dirname, '..');
const CAPTURE = path.resolve(import.meta.dirname, '../../../../shared/data/hyperliquid/btcusd_20250126.gz');
const KEY = `0x${'6e'.repeat(32)}` as const;
const ADDRESS = privateKeyToAccount(KEY).address.toLowerCase() as `0x${string}`;
const btc = Instrument.hyperliquidPerp('BTC', 5);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BotProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  output: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

describe('live-bot restart against an external local venue', () => {
  let venue: RunningHyperliquidVenue;
  let info: InfoClient;
  let journalDir: string;
  let journalPath: string;
  const runs: BotProcess[] = [];

  beforeAll(async () => {
    venue = await startHyperliquidVenue({ dataPath: CAPTURE, isTestnet: true, accounts: [{ address: ADDRESS, startingUsdc: 5_000 }] });
    info = new InfoClient({ transport: new HttpTransport({ isTestnet: true, apiUrl: venue.url }) });
    journalDir = mkdtempSync(path.join(tmpdir(), 'live-bot-restart-'));
    journalPath = path.join(journalDir, 'journal.sqlite');
  });

  afterAll(async () => {
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await venue?.close();
    if (journalDir !== undefined) rmSync(journalDir, { recursive: true, force: true });
  });

  function startBot(): BotProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HL_MODE: 'testnet',
        MM_MONITOR_PORT: '0',
        HL_PRIVATE_KEY: KEY,
        HL_API_URL: venue.url,
        HL_WS_URL: venue.wsUrl,
        JOURNAL_PATH: journalPath,
        NOTIFY_INTERVAL_SECONDS: '5',
        LOG_QUOTES: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk) => (output.stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (output.stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const run = { child, output, exited };
    runs.push(run);
    return run;
  }

  /** The journal as another process sees it (read-only; the bot holds the writer). */
  function query<T>(sql: string, ...params: Array<string | number>): T[] {
    const db = new DatabaseSync(journalPath, { readOnly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const journalFillCount = () => query<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE type = 'order-filled'")[0]?.n ?? 0;

  async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    for (let waited = 0; waited < timeoutMs; waited += 100) {
      if (await condition()) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const openOrders = async () => info.openOrders({ user: ADDRESS });
  const venueFillIds = async () => (await info.userFills({ user: ADDRESS })).map((fill) => String(fill.tid));
  const venuePositionLots = async () => {
    const state = await info.clearinghouseState({ user: ADDRESS });
    return state.assetPositions.reduce((sum, { position }) => {
      const negative = position.szi.startsWith('-');
      const lots = btc.parseSizeLots(negative ? position.szi.slice(1) : position.szi, 'nearest');
      return sum + (negative ? -lots : lots);
    }, 0);
  };

  /** Trades through our best order on one side: that order (and only it) fills whole. */
  async function fillBest(side: 'B' | 'A'): Promise<boolean> {
    const orders = (await openOrders()).filter((order) => order.side === side);
    if (orders.length === 0) return false;
    const prices = orders.map((order) => btc.parsePriceTicks(order.limitPx));
    const best = side === 'B' ? Math.max(...prices) : Math.min(...prices);
    // A seller printing one tick below our best bid (or a buyer above our best ask).
    venue.core.exchange.applyTrade(0, side === 'A', side === 'B' ? best - 1 : best + 1, 1_000_000);
    venue.core.scheduler.runDue();
    return true;
  }

  it('resumes after SIGKILL: no orphan order, each fill journaled once, the position equals the venue', async () => {
    // ---- first run: quote, get filled, die without warning.
    const first = startBot();
    await waitFor('the first run to quote', async () => (await openOrders()).length >= 6);
    const fillsBefore = (await venueFillIds()).length;
    expect(await fillBest('B')).toBe(true);
    await waitFor('the fill on the venue', async () => (await venueFillIds()).length > fillsBefore);
    await waitFor('the fill in the journal', () => journalFillCount() >= 1);
    first.child.kill('SIGKILL');
    await first.exited;

    // ---- while down: another of the first run's resting orders fills (a bid again, so the
    // position the second run must start with is not flat).
    const restingAfterKill = await openOrders();
    const fillsWhileUp = (await venueFillIds()).length;
    let filledWhileDown = false;
    if (restingAfterKill.some((order) => order.side === 'B')) filledWhileDown = await fillBest('B');
    else if (restingAfterKill.some((order) => order.side === 'A')) filledWhileDown = await fillBest('A');
    if (filledWhileDown) await waitFor('the fill while down', async () => (await venueFillIds()).length > fillsWhileUp);
    const journaledBeforeRestart = new Set(
      query<{ fill_id: string }>("SELECT fill_id FROM events WHERE type = 'order-filled'").map((row) => row.fill_id),
    );
    const missedTids = (await venueFillIds()).filter((tid) => !journaledBeforeRestart.has(tid));
    if (filledWhileDown) expect(missedTids.length).toBeGreaterThanOrEqual(1);

    // ---- second run: resumes from the journal and the venue.
    const second = startBot();
    await waitFor('the resume line', () => second.output.stdout.includes('journal session'), 30_000);
    const resumeLine = second.output.stdout.split('\n').find((line) => line.includes('journal session'))!;
    const [, startLots, venueLots] = /BTC (-?\d+) lots \(venue (-?\d+) lots\)/.exec(resumeLine) ?? [];
    expect(startLots).toBeDefined();
    expect(Number(startLots)).toBe(Number(venueLots));
    if (filledWhileDown) expect(Number(startLots)).not.toBe(0);
    expect(resumeLine).toMatch(new RegExp(`${missedTids.length} recovered from the venue`));
    expect(resumeLine).toMatch(/[1-9]\d* open orders of an earlier session found \(cancelled before quoting\)/);
    const sessions = query<{ id: number; recovery: string }>('SELECT id, recovery FROM sessions ORDER BY id');
    expect(sessions).toHaveLength(2);
    const secondSession = sessions[1]!.id;
    await waitFor('the second run to quote', async () => (await openOrders()).length >= 6);
    await sleep(1_000);

    // No orphan: every order on the venue was placed by the new session.
    const placedBySecond = new Set(
      query<{ client_order_id: string }>(
        "SELECT client_order_id FROM commands WHERE session_id = ? AND type = 'place-order'",
        secondSession,
      ).map((row) => row.client_order_id),
    );
    const open = await openOrders();
    expect(open.length).toBeGreaterThan(0);
    for (const order of open) expect(placedBySecond.has(order.cloid ?? '')).toBe(true);

    // ---- SIGTERM: nothing left on the venue.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output.stdout).toContain('open orders left on the venue: 0');
    expect(await openOrders()).toHaveLength(0);

    // Each venue fill exactly once in the journal; the journal's position is the venue's.
    const tids = await venueFillIds();
    const journaled = query<{ fill_id: string; n: number }>(
      "SELECT fill_id, COUNT(*) AS n FROM events WHERE type = 'order-filled' GROUP BY fill_id",
    );
    expect(journaled.every((row) => row.n === 1)).toBe(true);
    expect(new Set(journaled.map((row) => row.fill_id))).toEqual(new Set(tids));
    const recovered = query<{ fill_id: string }>("SELECT fill_id FROM events WHERE type = 'order-filled' AND source = 'recovered'").map(
      (row) => row.fill_id,
    );
    expect(recovered.sort()).toEqual([...missedTids].sort());
    const journalLots = query<{ lots: number }>(
      "SELECT COALESCE(SUM(CASE side WHEN 'buy' THEN size_lots ELSE -size_lots END), 0) AS lots FROM events WHERE type = 'order-filled'",
    )[0]!.lots;
    const venueLotsNow = await venuePositionLots();
    expect(journalLots).toBe(venueLotsNow);
    // The bot's final status report shows the same inventory.
    const inventories = [...second.output.stdout.matchAll(/inventory (-?[\d.e-]+) /g)].map((match) => Number(match[1]));
    expect(inventories.at(-1)).toBeCloseTo(venueLotsNow * btc.lotSize, 9);
    // ...and counts every fill of both runs and of the downtime (PnL resumed, not restarted).
    const reportedFills = [...second.output.stdout.matchAll(/\| fills (\d+) /g)].map((match) => Number(match[1]));
    expect(reportedFills.at(-1)).toBe(tids.length);
    expect(query<{ end_reason: string | null }>('SELECT end_reason FROM sessions ORDER BY id').map((row) => row.end_reason)).toEqual([
      null,
      'SIGTERM',
    ]);

    // Every order round trip of both runs is there to replay the latency with.
    const journal = new Journal(journalPath);
    const samples = exportLatencySamples(journal);
    journal.close();
    expect(samples.length).toBeGreaterThanOrEqual(12);
    for (const sample of samples) {
      expect(sample.entryUs).toBeGreaterThanOrEqual(0);
      expect(sample.responseUs).toBeGreaterThanOrEqual(0);
    }

    // The key never reaches the journal or any output.
    const secret = KEY.slice(2).toLowerCase();
    for (const run of runs) expect(`${run.output.stdout}${run.output.stderr}`.toLowerCase()).not.toContain(secret);
    for (const file of readdirSync(journalDir))
      expect(readFileSync(path.join(journalDir, file)).toString('latin1').toLowerCase()).not.toContain(secret);
  }, 120_000);
});
