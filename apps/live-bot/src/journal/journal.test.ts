import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OrderFilledEvent } from '@mm/core';
import { afterEach, describe, expect, it } from 'vitest';
import { exportLatencySamples } from './export-latency-samples.js';
import { Journal, JournalLockedError } from './journal.js';

const dirs: string[] = [];
function tempJournal(): Journal {
  const dir = mkdtempSync(path.join(tmpdir(), 'journal-test-'));
  dirs.push(dir);
  return new Journal(path.join(dir, 'nested', 'journal.sqlite'));
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SCOPE = 'testnet|http://127.0.0.1:1|0xabc';
const session = (journal: Journal, scope = SCOPE) =>
  journal.startSession({ mode: 'testnet', scope, accountAddress: '0xABC', symbols: ['BTC'], startedLocalUs: 1_000 });

function fill(fillId: string, overrides: Partial<OrderFilledEvent> = {}): OrderFilledEvent {
  return {
    type: 'order-filled',
    symbol: 'BTC',
    clientOrderId: '0x01',
    fillId,
    side: 'buy',
    priceTicks: 1_000_000,
    sizeLots: 100,
    remainingLots: 0,
    liquidity: 'maker',
    feeQuote: -0.01,
    venueTimeUs: 2_000_000,
    localTimeUs: 2_000_500,
    ...overrides,
  };
}

describe('Journal', () => {
  it('opens a durable file (WAL, synchronous=FULL), creating its directory', () => {
    const journal = tempJournal();
    expect(String(journal.pragma('journal_mode')).toLowerCase()).toBe('wal');
    expect(journal.pragma('synchronous')).toBe(2); // FULL
    journal.close();
  });

  it('writes a fill once however often the venue reports it, and reads it back across reopen', () => {
    const journal = tempJournal();
    const id = session(journal);
    expect(journal.recordEvent(id, fill('77'), { midTicks: 1_000_050 })).toBe(true);
    expect(journal.recordEvent(id, fill('77'), { midTicks: 1_000_050 })).toBe(false);
    expect(journal.recordEvent(id, fill('78', { side: 'sell', venueTimeUs: 3_000_000 }))).toBe(true);
    expect(journal.hasFillId(SCOPE, '77')).toBe(true);
    journal.close();

    const reopened = new Journal(journal.path);
    const fills = reopened.fills(SCOPE);
    expect(fills.map((row) => row.fillId)).toEqual(['77', '78']);
    expect(fills[0]).toMatchObject({
      sessionId: id,
      symbol: 'BTC',
      side: 'buy',
      priceTicks: 1_000_000,
      sizeLots: 100,
      feeQuote: -0.01,
      midTicks: 1_000_050,
      source: 'live',
    });
    expect(fills[1]!.midTicks).toBeNull();
    // The same trade id on another venue (a fresh paper venue counts from 1 again) is another fill.
    const other = session(reopened, 'paper|http://127.0.0.1:2|0xabc');
    expect(reopened.recordEvent(other, fill('77'))).toBe(true);
    expect(reopened.fills(SCOPE)).toHaveLength(2);
    expect(reopened.fills()).toHaveLength(3);
    reopened.close();
  });

  it('records commands, every event kind and the session lifecycle', () => {
    const journal = tempJournal();
    const id = session(journal);
    journal.recordCommands(
      id,
      [
        {
          type: 'place-order',
          symbol: 'BTC',
          clientOrderId: '0x01',
          side: 'buy',
          priceTicks: 999_000,
          sizeLots: 10,
          timeInForce: 'post-only',
          reduceOnly: false,
        },
        { type: 'modify-order', symbol: 'BTC', clientOrderId: '0x01', priceTicks: 999_100, sizeLots: 10 },
        { type: 'cancel-order', symbol: 'BTC', clientOrderId: '0x01' },
        { type: 'cancel-all', reason: 'test' },
      ],
      5_000,
    );
    const t = { venueTimeUs: 6_000, localTimeUs: 6_100 };
    journal.recordEvent(id, { type: 'order-accepted', symbol: 'BTC', clientOrderId: '0x01', venueOrderId: '9', ...t });
    journal.recordEvent(id, { type: 'order-modified', symbol: 'BTC', clientOrderId: '0x01', priceTicks: 999_100, sizeLots: 10, ...t });
    journal.recordEvent(id, {
      type: 'command-rejected',
      symbol: 'BTC',
      clientOrderId: '0x01',
      command: 'cancel-order',
      reason: 'gone',
      ...t,
    });
    journal.recordEvent(id, { type: 'order-canceled', symbol: 'BTC', clientOrderId: '0x01', reason: 'requested', ...t });
    journal.recordEvent(id, { type: 'order-rejected', symbol: 'BTC', clientOrderId: '0x02', reason: 'post only', ...t });
    journal.recordEvent(id, { type: 'funding', symbol: 'BTC', amountQuote: 0.5, rate: 0.0001, ...t });
    expect(journal.commands(id).map((command) => command.type)).toEqual(['place-order', 'modify-order', 'cancel-order', 'cancel-all']);
    expect(journal.commands(id)[0]).toMatchObject({
      clientOrderId: '0x01',
      side: 'buy',
      priceTicks: 999_000,
      sizeLots: 10,
      sentLocalUs: 5_000,
    });
    expect(journal.events(id).map((event) => event.type)).toEqual([
      'order-accepted',
      'order-modified',
      'command-rejected',
      'order-canceled',
      'order-rejected',
      'funding',
    ]);
    expect(journal.sessionOfOrder('0x01')).toBe(id);
    expect(journal.sessionOfOrder('0x99')).toBeUndefined();
    journal.setSessionRecovery(id, { recovered: 1 });
    journal.endSession(id, 9_000, 'SIGTERM');
    expect(journal.sessions()).toEqual([
      expect.objectContaining({
        id,
        mode: 'testnet',
        scope: SCOPE,
        accountAddress: '0xabc',
        symbols: ['BTC'],
        endedLocalUs: 9_000,
        endReason: 'SIGTERM',
        recovery: { recovered: 1 },
      }),
    ]);
    journal.close();
  });

  it('keeps nothing secret: only addresses reach the file', () => {
    const journal = tempJournal();
    session(journal);
    journal.close();
    expect(readFileSync(journal.path).toString('latin1')).not.toMatch(/[0-9a-f]{64}/i);
  });
});

describe('exportLatencySamples', () => {
  it('pairs each command with its first answer and splits the round trip at the venue time', () => {
    const journal = tempJournal();
    const id = session(journal);
    const place = (clientOrderId: string) => ({
      type: 'place-order' as const,
      symbol: 'BTC',
      clientOrderId,
      side: 'buy' as const,
      priceTicks: 1,
      sizeLots: 1,
      timeInForce: 'post-only' as const,
      reduceOnly: false,
    });
    journal.recordCommands(id, [place('a'), place('b')], 1_000_000);
    journal.recordCommands(
      id,
      [
        { type: 'cancel-order', symbol: 'BTC', clientOrderId: 'a' },
        { type: 'cancel-all', reason: 'x' },
      ],
      2_000_000,
    );
    journal.recordCommands(id, [place('lost')], 2_500_000);
    // 'a': the venue stamped the ack 30 ms after we sent, we read it 20 ms later.
    journal.recordEvent(id, {
      type: 'order-accepted',
      symbol: 'BTC',
      clientOrderId: 'a',
      venueOrderId: '1',
      venueTimeUs: 1_030_000,
      localTimeUs: 1_050_000,
    });
    // 'b': answered from the post response, no venue time: split in half.
    journal.recordEvent(id, {
      type: 'order-rejected',
      symbol: 'BTC',
      clientOrderId: 'b',
      reason: 'x',
      venueTimeUs: 1_040_000,
      localTimeUs: 1_040_000,
    });
    // The cancel of 'a': the venue's millisecond stamp is before our send: entry clamps at 0.
    journal.recordEvent(id, {
      type: 'order-canceled',
      symbol: 'BTC',
      clientOrderId: 'a',
      reason: 'requested',
      venueTimeUs: 1_999_000,
      localTimeUs: 2_010_000,
    });
    expect(exportLatencySamples(journal)).toEqual([
      { localTimeUs: 1_000_000, entryUs: 30_000, responseUs: 20_000 },
      { localTimeUs: 1_000_000, entryUs: 20_000, responseUs: 20_000 },
      { localTimeUs: 2_000_000, entryUs: 0, responseUs: 10_000 },
    ]);
    journal.close();
  });
});

describe('Journal: one bot per journal', () => {
  it('refuses a second live process with a clear message, takes over the lock of a dead one, frees it on close', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'journal-lock-'));
    const file = path.join(dir, 'journal.sqlite');
    // A running process (our parent) holds it: refused, naming the process and what to do.
    writeFileSync(`${file}.lock`, String(process.ppid));
    expect(() => new Journal(file)).toThrow(JournalLockedError);
    expect(() => new Journal(file)).toThrow(new RegExp(`in use by another bot \\(process ${process.ppid}\\).*own JOURNAL_PATH`));
    // A lock left by a process that was killed: the restart takes it over.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(`${file}.lock`, String(dead));
    const journal = new Journal(file);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    journal.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
