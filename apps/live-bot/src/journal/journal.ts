import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { MmError, type ExecutionEvent, type Micros, type OrderCommand, type OrderFilledEvent, type Side } from '@mm/core';

/** Another live process holds the journal: a second bot on it would cancel the first one's orders. */
export class JournalLockedError extends MmError {
  constructor(file: string, pid: number) {
    super(
      `the journal ${file} is in use by another bot (process ${pid}). Two bots on one journal cancel each other's orders as "an earlier session's": stop process ${pid} first, or give this one its own JOURNAL_PATH (and its own account)`,
      { code: 'JOURNAL_LOCKED', context: { file, pid } },
    );
  }
}

/** The journal file is not a sound SQLite database: refused at start, never silently reset. */
export class JournalCorruptError extends MmError {
  constructor(file: string, detail: string, cause?: unknown) {
    super(
      `the journal ${file} is corrupt (${detail}); the bot will not start on it. Keep it (its fills are your record): move it aside with \`mv ${file} ${file}.corrupt\` and start again (a new journal is made; open orders and positions are read back from the venue before quoting), or restore it from a backup`,
      { code: 'JOURNAL_CORRUPT', context: { file, detail }, cause },
    );
  }
}

/**
 * A lock file beside the journal holding the owner's pid. Taken with O_EXCL; a lock left by a
 * process that no longer runs (SIGKILL, power loss) is taken over, since that is the restart case.
 */
function takeJournalLock(lockPath: string, file: string): void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processRuns(owner)) throw new JournalLockedError(file, owner);
    rmSync(lockPath, { force: true });
  }
  throw new JournalLockedError(file, Number(readFileSync(lockPath, 'utf8').trim()));
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where a journaled event came from. */
export type EventSource =
  /** Through the engine's onExecutionEvent hook (or the start-up listener), as it happened. */
  | 'live'
  /** Found in the venue's userFills on start: it happened while the bot was down. */
  | 'recovered';

export interface SessionStart {
  /** paper / testnet / mainnet. */
  mode: string;
  /**
   * Which venue and account the session trades: fills are resumed only within one scope (a fresh
   * paper venue, another network or another account starts from nothing).
   */
  scope: string;
  accountAddress: string;
  symbols: readonly string[];
  startedLocalUs: Micros;
}

export interface SessionRecord extends SessionStart {
  id: number;
  endedLocalUs: number | null;
  endReason: string | null;
  /** What the start-up reconciliation did (JSON): carried-in residual positions, orders cancelled, fills recovered. */
  recovery: unknown;
}

/** A fill as the journal holds it: the engine's fill event, the mid it was applied at, and where it came from. */
export interface JournaledFill extends Omit<OrderFilledEvent, 'type'> {
  sessionId: number;
  venueOrderId: string | null;
  midTicks: number | null;
  source: EventSource;
}

export interface JournaledCommand {
  id: number;
  sessionId: number;
  sentLocalUs: number;
  type: OrderCommand['type'];
  symbol: string | null;
  clientOrderId: string | null;
  side: Side | null;
  priceTicks: number | null;
  sizeLots: number | null;
}

export interface JournaledEvent {
  id: number;
  sessionId: number;
  type: ExecutionEvent['type'];
  symbol: string;
  clientOrderId: string | null;
  venueTimeUs: number;
  localTimeUs: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  mode TEXT NOT NULL,
  scope TEXT NOT NULL,
  account_address TEXT NOT NULL,
  symbols TEXT NOT NULL,
  pid INTEGER,
  started_local_us INTEGER NOT NULL,
  ended_local_us INTEGER,
  end_reason TEXT,
  recovery TEXT
);
CREATE TABLE IF NOT EXISTS commands (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  sent_local_us INTEGER NOT NULL,
  type TEXT NOT NULL,
  symbol TEXT,
  client_order_id TEXT,
  side TEXT,
  price_ticks INTEGER,
  size_lots INTEGER,
  time_in_force TEXT,
  reduce_only INTEGER,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS commands_by_order ON commands(client_order_id);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  scope TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  symbol TEXT NOT NULL,
  client_order_id TEXT,
  venue_order_id TEXT,
  fill_id TEXT,
  side TEXT,
  price_ticks INTEGER,
  size_lots INTEGER,
  remaining_lots INTEGER,
  liquidity TEXT,
  fee_quote REAL,
  amount_quote REAL,
  command TEXT,
  reason TEXT,
  mid_ticks REAL,
  venue_time_us INTEGER NOT NULL,
  local_time_us INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_order ON events(client_order_id);
-- A trade id is unique on one venue; a fresh paper venue starts counting again.
CREATE UNIQUE INDEX IF NOT EXISTS fills_once ON events(scope, fill_id) WHERE fill_id IS NOT NULL;
`;

/**
 * The bot's durable record: sessions, every order command sent, every execution event received.
 * SQLite in WAL mode with synchronous=FULL, so a statement that returned is on disk: a fill is
 * journaled in the engine's onExecutionEvent hook, before the strategy sees it, and survives a kill
 * at any later instant. Fills are keyed by the venue's trade id, so writing one twice is harmless.
 * Nothing secret goes in: addresses, never keys.
 */
export class Journal {
  readonly path: string;
  private readonly db: DatabaseSync;
  private readonly insertCommand: StatementSync;
  private readonly insertEvent: StatementSync;
  private readonly hasFill: StatementSync;
  private readonly scopes = new Map<number, string>();
  private readonly lockPath: string | undefined;
  private closed = false;

  /** Opens (or creates) the journal and takes its single-instance lock; throws JournalLockedError when another bot holds it. */
  constructor(file: string) {
    this.path = file;
    if (file !== ':memory:') {
      mkdirSync(path.dirname(file), { recursive: true });
      this.lockPath = `${file}.lock`;
      takeJournalLock(this.lockPath, file);
    }
    try {
      this.db = new DatabaseSync(file);
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
      // A torn or overwritten file is found here, at start, not mid-session on the first fill.
      const check = this.db.prepare('PRAGMA quick_check').all() as Array<Record<string, string>>;
      const verdict = check.map((row) => Object.values(row)[0]).join('; ');
      if (verdict !== 'ok') throw new JournalCorruptError(file, verdict);
      this.db.exec(SCHEMA);
    } catch (error) {
      try {
        (this as unknown as { db?: DatabaseSync }).db?.close();
      } catch {
        // not open
      }
      if (this.lockPath !== undefined) rmSync(this.lockPath, { force: true });
      if (error instanceof JournalCorruptError || !isSqliteCorruption(error)) throw error;
      throw new JournalCorruptError(file, (error as Error).message, error);
    }
    this.insertCommand = this.db.prepare(
      `INSERT INTO commands (session_id, sent_local_us, type, symbol, client_order_id, side, price_ticks, size_lots, time_in_force, reduce_only, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertEvent = this.db.prepare(
      `INSERT OR IGNORE INTO events (session_id, scope, source, type, symbol, client_order_id, venue_order_id, fill_id, side, price_ticks, size_lots, remaining_lots,
         liquidity, fee_quote, amount_quote, command, reason, mid_ticks, venue_time_us, local_time_us)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.hasFill = this.db.prepare('SELECT 1 FROM events WHERE scope = ? AND fill_id = ?');
    // This journal's identity, put into every client order id: orders on the account with another
    // one were placed by another bot (another journal) on the same key.
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('instance_id', ?)").run(String(randomInt(1, 2 ** 32 - 1)));
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'instance_id'").get() as { value: string };
    this.instanceId = Number(row.value);
  }

  /** This journal's bot instance (1..2^32−1), fixed when the journal was created. */
  readonly instanceId: number;

  /** Pragmas as SQLite reports them (tests check the durability settings). */
  pragma(name: 'journal_mode' | 'synchronous'): string | number {
    const row = this.db.prepare(`PRAGMA ${name}`).get() as Record<string, string | number>;
    return Object.values(row)[0]!;
  }

  startSession(start: SessionStart): number {
    const result = this.db
      .prepare('INSERT INTO sessions (mode, scope, account_address, symbols, pid, started_local_us) VALUES (?, ?, ?, ?, ?, ?)')
      .run(start.mode, start.scope, start.accountAddress.toLowerCase(), start.symbols.join(','), process.pid, start.startedLocalUs);
    const id = Number(result.lastInsertRowid);
    this.scopes.set(id, start.scope);
    return id;
  }

  setSessionRecovery(sessionId: number, recovery: unknown): void {
    this.db.prepare('UPDATE sessions SET recovery = ? WHERE id = ?').run(JSON.stringify(recovery), sessionId);
  }

  endSession(sessionId: number, endedLocalUs: Micros, reason: string): void {
    this.db.prepare('UPDATE sessions SET ended_local_us = ?, end_reason = ? WHERE id = ?').run(endedLocalUs, reason, sessionId);
  }

  sessions(): SessionRecord[] {
    const rows = this.db.prepare('SELECT * FROM sessions ORDER BY id').all() as Array<Record<string, string | number | null>>;
    return rows.map((row) => ({
      id: Number(row.id),
      mode: String(row.mode),
      scope: String(row.scope),
      accountAddress: String(row.account_address),
      symbols: String(row.symbols)
        .split(',')
        .filter((symbol) => symbol !== ''),
      startedLocalUs: Number(row.started_local_us),
      endedLocalUs: row.ended_local_us === null ? null : Number(row.ended_local_us),
      endReason: row.end_reason === null ? null : String(row.end_reason),
      recovery: row.recovery === null ? null : JSON.parse(String(row.recovery)),
    }));
  }

  /** One batch of commands as it leaves for the venue, in one transaction (one sync to disk). */
  recordCommands(sessionId: number, commands: readonly OrderCommand[], sentLocalUs: Micros): void {
    if (commands.length === 0) return;
    this.transaction(() => {
      for (const command of commands) {
        switch (command.type) {
          case 'place-order':
            this.insertCommand.run(
              sessionId,
              sentLocalUs,
              command.type,
              command.symbol,
              command.clientOrderId,
              command.side,
              command.priceTicks,
              command.sizeLots,
              command.timeInForce,
              command.reduceOnly ? 1 : 0,
              null,
            );
            break;
          case 'modify-order':
            this.insertCommand.run(
              sessionId,
              sentLocalUs,
              command.type,
              command.symbol,
              command.clientOrderId,
              null,
              command.priceTicks,
              command.sizeLots,
              null,
              null,
              null,
            );
            break;
          case 'cancel-order':
            this.insertCommand.run(
              sessionId,
              sentLocalUs,
              command.type,
              command.symbol,
              command.clientOrderId,
              null,
              null,
              null,
              null,
              null,
              null,
            );
            break;
          case 'cancel-all':
            this.insertCommand.run(
              sessionId,
              sentLocalUs,
              command.type,
              command.symbol ?? null,
              null,
              null,
              null,
              null,
              null,
              null,
              command.reason,
            );
            break;
        }
      }
    });
  }

  /**
   * Journals one execution event. Returns false for a fill whose id is journaled already (the
   * venue reporting it again): the caller must not count it twice.
   */
  recordEvent(
    sessionId: number,
    event: ExecutionEvent,
    options: { midTicks?: number | undefined; source?: EventSource; venueOrderId?: string | undefined } = {},
  ): boolean {
    const source = options.source ?? 'live';
    const mid = options.midTicks ?? null;
    const base = [sessionId, this.scopeOf(sessionId), source, event.type, event.symbol] as const;
    const times = [event.venueTimeUs, event.localTimeUs] as const;
    let changes: number | bigint;
    switch (event.type) {
      case 'order-accepted':
        changes = this.insertEvent.run(
          ...base,
          event.clientOrderId,
          event.venueOrderId,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          mid,
          ...times,
        ).changes;
        break;
      case 'order-rejected':
      case 'order-canceled':
        changes = this.insertEvent.run(
          ...base,
          event.clientOrderId,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          event.reason,
          mid,
          ...times,
        ).changes;
        break;
      case 'order-filled':
        changes = this.insertEvent.run(
          ...base,
          event.clientOrderId,
          options.venueOrderId ?? null,
          event.fillId,
          event.side,
          event.priceTicks,
          event.sizeLots,
          event.remainingLots,
          event.liquidity,
          event.feeQuote,
          null,
          null,
          null,
          mid,
          ...times,
        ).changes;
        break;
      case 'order-modified':
        changes = this.insertEvent.run(
          ...base,
          event.clientOrderId,
          null,
          null,
          null,
          event.priceTicks,
          event.sizeLots,
          null,
          null,
          null,
          null,
          null,
          null,
          mid,
          ...times,
        ).changes;
        break;
      case 'command-rejected':
        changes = this.insertEvent.run(
          ...base,
          event.clientOrderId,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          event.command,
          event.reason,
          mid,
          ...times,
        ).changes;
        break;
      case 'funding':
        changes = this.insertEvent.run(
          ...base,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          event.amountQuote,
          null,
          String(event.rate),
          mid,
          ...times,
        ).changes;
        break;
    }
    return Number(changes) > 0;
  }

  /** Whether a fill with this venue trade id is journaled in `scope`. */
  hasFillId(scope: string, fillId: string): boolean {
    return this.hasFill.get(scope, fillId) !== undefined;
  }

  private scopeOf(sessionId: number): string {
    let scope = this.scopes.get(sessionId);
    if (scope === undefined) {
      const row = this.db.prepare('SELECT scope FROM sessions WHERE id = ?').get(sessionId) as { scope: string } | undefined;
      if (row === undefined) throw new Error(`journal has no session ${sessionId}`);
      scope = row.scope;
      this.scopes.set(sessionId, scope);
    }
    return scope;
  }

  /** Every journaled fill of the sessions in `scope` (all when omitted), in the order they happened. */
  fills(scope?: string): JournaledFill[] {
    const rows = this.db
      .prepare(
        `SELECT e.* FROM events e
         WHERE e.type = 'order-filled' AND (? IS NULL OR e.scope = ?)
         ORDER BY e.venue_time_us, e.id`,
      )
      .all(scope ?? null, scope ?? null) as Array<Record<string, string | number | null>>;
    return rows.map((row) => ({
      sessionId: Number(row.session_id),
      symbol: String(row.symbol),
      clientOrderId: String(row.client_order_id),
      fillId: String(row.fill_id),
      venueOrderId: row.venue_order_id === null ? null : String(row.venue_order_id),
      side: row.side as Side,
      priceTicks: Number(row.price_ticks),
      sizeLots: Number(row.size_lots),
      remainingLots: Number(row.remaining_lots),
      liquidity: row.liquidity as 'maker' | 'taker',
      feeQuote: Number(row.fee_quote),
      venueTimeUs: Number(row.venue_time_us),
      localTimeUs: Number(row.local_time_us),
      midTicks: row.mid_ticks === null ? null : Number(row.mid_ticks),
      source: row.source as EventSource,
    }));
  }

  commands(sessionId?: number): JournaledCommand[] {
    const rows = this.db
      .prepare('SELECT * FROM commands WHERE (? IS NULL OR session_id = ?) ORDER BY id')
      .all(sessionId ?? null, sessionId ?? null) as Array<Record<string, string | number | null>>;
    return rows.map((row) => ({
      id: Number(row.id),
      sessionId: Number(row.session_id),
      sentLocalUs: Number(row.sent_local_us),
      type: row.type as OrderCommand['type'],
      symbol: row.symbol === null ? null : String(row.symbol),
      clientOrderId: row.client_order_id === null ? null : String(row.client_order_id),
      side: row.side === null ? null : (row.side as Side),
      priceTicks: row.price_ticks === null ? null : Number(row.price_ticks),
      sizeLots: row.size_lots === null ? null : Number(row.size_lots),
    }));
  }

  events(sessionId?: number): JournaledEvent[] {
    const rows = this.db
      .prepare(
        'SELECT id, session_id, type, symbol, client_order_id, venue_time_us, local_time_us FROM events WHERE (? IS NULL OR session_id = ?) ORDER BY id',
      )
      .all(sessionId ?? null, sessionId ?? null) as Array<Record<string, string | number | null>>;
    return rows.map((row) => ({
      id: Number(row.id),
      sessionId: Number(row.session_id),
      type: row.type as ExecutionEvent['type'],
      symbol: String(row.symbol),
      clientOrderId: row.client_order_id === null ? null : String(row.client_order_id),
      venueTimeUs: Number(row.venue_time_us),
      localTimeUs: Number(row.local_time_us),
    }));
  }

  /** The session whose commands placed `clientOrderId`, if any session did. */
  sessionOfOrder(clientOrderId: string): number | undefined {
    const row = this.db
      .prepare("SELECT session_id FROM commands WHERE client_order_id = ? AND type = 'place-order' ORDER BY id LIMIT 1")
      .get(clientOrderId) as { session_id: number } | undefined;
    return row === undefined ? undefined : Number(row.session_id);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    if (this.lockPath !== undefined) rmSync(this.lockPath, { force: true });
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** A journaled fill as the position tracker takes it. */
export function fillEvent(fill: JournaledFill): OrderFilledEvent {
  return {
    type: 'order-filled',
    symbol: fill.symbol,
    clientOrderId: fill.clientOrderId,
    fillId: fill.fillId,
    side: fill.side,
    priceTicks: fill.priceTicks,
    sizeLots: fill.sizeLots,
    remainingLots: fill.remainingLots,
    liquidity: fill.liquidity,
    feeQuote: fill.feeQuote,
    venueTimeUs: fill.venueTimeUs,
    localTimeUs: fill.localTimeUs,
  };
}

/** SQLite's own words for a file that is not (or no longer) a database. */
function isSqliteCorruption(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /file is not a database|database disk image is malformed|malformed database schema|file is encrypted/i.test(message);
}
