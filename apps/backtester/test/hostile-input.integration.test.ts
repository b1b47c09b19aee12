import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, InvalidInputError } from '@mm/core';
import { bookCommand } from '../src/commands/book-command.js';
import { convertCommand } from '../src/commands/convert-command.js';
import { replayCommand } from '../src/commands/replay-command.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const capture = path.resolve(repositoryRoot, '..', 'shared', 'data', 'hyperliquid', 'btcusd_20250126.gz');
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

  it('book --at past the data answers an error, not the last book', async () => {
    await expect(bookCommand(['--data', capture, '--at', '2030-01-01T00:00:00Z'])).rejects.toThrow(/after the data's end \(2025-01-2/);
  });
});
