import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, InvalidInputError } from '@mm/core';
import { bookCommand } from '../src/commands/book-command.js';
import { convertCommand } from '../src/commands/convert-command.js';
import { replayCommand } from '../src/commands/replay-command.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const capture = path.resolve(repositoryRoot, '..', 'shared', 'data', 'hyperliquid', 'btcusd_20250126.gz');
const binanceCapture = path.resolve(repositoryRoot, '..', 'shared', 'data', 'binance-usdm', 'btcusdt_20240718.gz');
const work = mkdtempSync(path.join(tmpdir(), 'mm-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile command lines get typed errors naming what to fix', () => {
  it('convert --out equal to the input is refused and the input is kept byte for byte', async () => {
    const input = path.join(work, 'same.gz');
    copyFileSync(capture, input);
    const before = readFileSync(input);
    const error = await convertCommand(['--data', input, '--out', input]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/--out: .*same\.gz is also an input/);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('convert writes through a temporary file: a failed run leaves the old output untouched', async () => {
    const out = path.join(work, 'kept.arrow');
    writeFileSync(out, 'previous output');
    const notCapture = path.join(work, 'garbage.gz');
    writeFileSync(notCapture, 'not a capture at all\n');
    await expect(convertCommand(['--data', notCapture, '--out', out])).rejects.toBeInstanceOf(InvalidInputError);
    expect(readFileSync(out, 'utf8')).toBe('previous output');
    const text = await convertCommand(['--data', capture, '--out', out]);
    expect(text).toMatch(/BTC on hyperliquid/);
    expect(readFileSync(out).subarray(0, 6).toString('latin1')).not.toBe('previo');
  }, 120_000);

  it('--out under a file, or on /proc, is refused before the run', async () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, '');
    await expect(
      replayCommand(['--data', capture, '--out', path.join(file, 'sub'), '--no-report', '--quiet'], repositoryRoot),
    ).rejects.toThrow(/a-file, which is a file, not a directory/);
    await expect(convertCommand(['--data', capture, '--out', '/proc/x'])).rejects.toThrow(/pseudo-filesystem/);
  });

  it('malformed --config JSON names the file and the line and column', async () => {
    const config = path.join(work, 'bad.json');
    writeFileSync(config, '{\n  "orderSizeUsd": 10,\n  oops\n}');
    const error = await replayCommand(['--data', capture, '--config', config, '--no-report', '--quiet'], repositoryRoot).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(config);
    expect((error as Error).message).toMatch(/not valid JSON at line 3, column 3/);
  });

  // The capture's first and last lines, read with zcat/head/tail: 1737918843893903000 and 1737918869246864000 ns.
  const dataRange = /the data covers 2025-01-26T19:14:03\.893Z to 2025-01-26T19:14:29\.246Z/;

  it("book --at past the data answers an error naming the data's range, not the last book", async () => {
    const error = await bookCommand(['--data', capture, '--at', '2030-01-01T00:00:00Z']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/--at 2030-01-01T00:00:00Z is after the data's end/);
    expect((error as Error).message).toMatch(dataRange);
  });

  it("book --at before the data answers an error naming the data's range, not an empty book", async () => {
    const error = await bookCommand(['--data', capture, '--at', '2025-01-26T19:14:03Z']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/--at 2025-01-26T19:14:03Z is before the data's start/);
    expect((error as Error).message).toMatch(dataRange);
    // Inside the range the book is answered (the first snapshot is the capture's first line).
    expect(await bookCommand(['--data', capture, '--at', '2025-01-26T19:14:04Z'])).toMatch(/best bid \d+/);
  });

  it('a valid but empty gzip is refused, not replayed to events 0 with rc 0', async () => {
    const empty = path.join(work, 'empty.gz');
    writeFileSync(empty, gzipSync(Buffer.alloc(0)));
    await expect(replayCommand(['--data', empty, '--no-report', '--quiet'], repositoryRoot)).rejects.toThrow(/empty\.gz: it is empty/);
  });

  it('a Binance capture in a hyperliquid/ folder is read as Binance (its content), and --venue hyperliquid on it is refused', async () => {
    const folder = path.join(work, 'hyperliquid');
    mkdirSync(folder, { recursive: true });
    const misplaced = path.join(folder, 'btc.gz');
    copyFileSync(binanceCapture, misplaced);
    await expect(bookCommand(['--data', misplaced, '--venue', 'hyperliquid', '--at', 'end'])).rejects.toThrow(
      /holds binance-usdm messages .*not hyperliquid/,
    );
    // Read by its content: a whole Binance book, not nothing.
    const json = JSON.parse(await bookCommand(['--data', misplaced, '--at', 'end', '--json'])) as Array<{ levels: number }>;
    expect(json[0]!.levels).toBeGreaterThan(100);
  });

  // Hyperliquid's minimum order value: $10 (MinTradeNtl in ../shared/venues/hyperliquid.md).
  it('an order of $0.01 or a max position under one minimum order says why nothing was quoted', async () => {
    const small = await replayCommand(['--data', capture, '--order-size-usd', '0.01', '--no-report', '--quiet'], repositoryRoot);
    expect(small.result.summary.ordersSent).toBe(0);
    expect(small.text).toMatch(/warning: no order was sent: the order size \$0\.01 is below BTC's minimum order value of \$10/);
    const tight = await replayCommand(['--data', capture, '--max-position-usd', '5', '--no-report', '--quiet'], repositoryRoot);
    expect(tight.result.summary.ordersSent).toBe(0);
    expect(tight.text).toMatch(/warning: no order was sent: the max position \$5 is below one minimum order \(\$10\)/);
    const normal = await replayCommand(['--data', capture, '--no-report', '--quiet'], repositoryRoot);
    expect(normal.text).not.toContain('warning: no order was sent');
  }, 120_000);
});
