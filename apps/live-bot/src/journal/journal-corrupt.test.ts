import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal, JournalCorruptError } from './journal.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function file(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-journal-corrupt-'));
  dirs.push(dir);
  return path.join(dir, 'journal.sqlite');
}

describe('a corrupt journal is refused at start, named, with what to do, and kept', () => {
  it('random bytes: JournalCorruptError naming the file and the mv to do; the file is untouched and unlocked', () => {
    const journalPath = file();
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(journalPath, garbage);
    const error = (() => {
      try {
        new Journal(journalPath);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as Error).message).toContain(`the journal ${journalPath} is corrupt`);
    expect((error as Error).message).toContain(`mv ${journalPath} ${journalPath}.corrupt`);
    expect(readFileSync(journalPath).equals(garbage)).toBe(true);
    expect(existsSync(`${journalPath}.lock`)).toBe(false);
  });

  it('a journal cut in half is refused, not reset', () => {
    const journalPath = file();
    const journal = new Journal(journalPath);
    const session = journal.startSession({
      mode: 'paper',
      scope: 's',
      accountAddress: `0x${'1'.repeat(40)}`,
      symbols: ['BTC'],
      startedLocalUs: 1,
    });
    for (let i = 0; i < 2000; i += 1) journal.setSessionRecovery(session, { filler: 'x'.repeat(200), i });
    journal.close();
    rmSync(`${journalPath}-wal`, { force: true });
    const size = statSync(journalPath).size;
    truncateSync(journalPath, Math.floor(size / 2));
    expect(() => new Journal(journalPath)).toThrow(JournalCorruptError);
    expect(statSync(journalPath).size).toBe(Math.floor(size / 2));
  });
});
