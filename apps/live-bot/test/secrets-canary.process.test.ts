import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Canary keys: the bot runs with them in paper mode (the embedded venue, real signing) and
 * everything it writes anywhere is scanned for them. Made from a label so they look like any key
 * (no repeated pattern another number could contain by chance).
 */
const canaryKey = (label: string) => `0x${createHash('sha256').update(`mm secrets canary: ${label}`).digest('hex')}` as const;
const OWN_KEY = canaryKey('own wallet key');
const AGENT_KEY = canaryKey('agent key');
/** The agent's master account (an address is public; only the key is secret). */
const MASTER_ADDRESS = `0x${createHash('sha256').update('mm secrets canary: master').digest('hex').slice(0, 40)}`;

const appDir = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'live-bot-canary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The spellings of `key` found in `data`, written here independently of the bot's redaction: the
 * hex in any case, with or without 0x (either half of it, so a cut key counts too), the number in
 * decimal (how the signing library quotes a key it refuses), base64 and the raw bytes (a binary file).
 */
function leaksOf(key: string, data: string | Buffer): string[] {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const text = bytes.toString('latin1');
  const lower = text.toLowerCase();
  const hex = key.slice(2).toLowerCase();
  const raw = Buffer.from(hex, 'hex');
  const found: string[] = [];
  if (lower.includes(hex.slice(0, 32)) || lower.includes(hex.slice(32))) found.push('hex');
  if (text.includes(BigInt(key).toString(10).slice(0, 24))) found.push('decimal');
  const base64 = raw.toString('base64');
  if (text.includes(base64.slice(0, 24)) || text.includes(base64.slice(20, 44))) found.push('base64');
  if (bytes.includes(raw.subarray(0, 12)) || bytes.includes(raw.subarray(20))) found.push('raw bytes');
  return found;
}

/** A stand-in for Discord's webhook endpoint: keeps every body it is sent. */
async function startWebhookCapture() {
  const bodies: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(`${request.method} ${request.url}\n${body}`);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/1/canary`;
  return { bodies, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (run.stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (run.stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
  return { run, exited };
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The server-sent events stream for a while (it never ends by itself). */
async function readEvents(url: string, forMs: number): Promise<string> {
  const abort = new AbortController();
  let text = '';
  const timer = setTimeout(() => abort.abort(), forMs);
  try {
    const response = await fetch(url, { signal: abort.signal });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  return text;
}

describe('the scanner itself', () => {
  it('finds a key in every spelling it claims to, and nothing in unrelated text', () => {
    const hex = OWN_KEY.slice(2);
    expect(leaksOf(OWN_KEY, `x ${OWN_KEY} y`)).toEqual(['hex']);
    expect(leaksOf(OWN_KEY, `key=${hex.toUpperCase()}`)).toEqual(['hex']);
    expect(leaksOf(OWN_KEY, `cut ${hex.slice(0, 40)}`)).toEqual(['hex']);
    expect(leaksOf(OWN_KEY, `got ${BigInt(OWN_KEY).toString(10)}`)).toEqual(['decimal']);
    expect(leaksOf(OWN_KEY, Buffer.from(hex, 'hex').toString('base64'))).toEqual(['base64']);
    expect(leaksOf(OWN_KEY, Buffer.concat([Buffer.from('blob'), Buffer.from(hex, 'hex')]))).toEqual(['raw bytes']);
    expect(leaksOf(OWN_KEY, `${AGENT_KEY} ${MASTER_ADDRESS}`)).toEqual([]);
  });
});

describe.each([
  { name: 'its own wallet key', key: OWN_KEY, wallet: undefined },
  { name: 'an agent key for a master account', key: AGENT_KEY, wallet: MASTER_ADDRESS },
])('live-bot in paper mode with $name as HL_PRIVATE_KEY never writes it anywhere', ({ key, wallet }) => {
  const sources = new Map<string, string | Buffer>();
  let webhook: Awaited<ReturnType<typeof startWebhookCapture>>;

  beforeAll(async () => {
    webhook = await startWebhookCapture();
    const journalDir = mkdtempSync(path.join(work, 'journal-'));
    const { run, exited } = startBot({
      HL_PRIVATE_KEY: key,
      ...(wallet === undefined ? {} : { HL_WALLET_ADDRESS: wallet }),
      MM_MONITOR_PORT: '0',
      JOURNAL_PATH: path.join(journalDir, 'journal.sqlite'),
      DISCORD_WEBHOOK_URL: webhook.url,
      NOTIFY_INTERVAL_SECONDS: '5',
      // As much output as the bot can give: every level, every command sent, every fill.
      LOG_LEVEL: 'trace',
      LOG_QUOTES: 'true',
      LOG_FILLS: 'true',
    });
    const output = () => `--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
    await waitUntil('the dashboard line', () => /dashboard (http:\S+)\//.test(run.stdout), 90_000, output);
    const base = /dashboard (http:\S+)\//.exec(run.stdout)![1]!;
    // The process as other users of the machine see it (ps, top): its title and command line.
    if (existsSync(`/proc/${run.child.pid}/cmdline`)) {
      sources.set('process command line (/proc/pid/cmdline)', readFileSync(`/proc/${run.child.pid}/cmdline`));
      sources.set('process title (/proc/pid/comm)', readFileSync(`/proc/${run.child.pid}/comm`));
    }
    // A status report (stdout and a Discord message), and a fill if the market gives one soon.
    await waitUntil(
      'a status report and a Discord message',
      () => run.stdout.includes('=== MM BOT STATUS ===') && webhook.bodies.length > 0,
      60_000,
      output,
    );
    const fillWait = Date.now() + 20_000;
    while (!run.stderr.includes('"msg":"fill"') && Date.now() < fillWait) await new Promise((resolve) => setTimeout(resolve, 250));
    sources.set('dashboard page /', await (await fetch(`${base}/`)).text());
    sources.set('/api/snapshot', await (await fetch(`${base}/api/snapshot`)).text());
    sources.set('/metrics', await (await fetch(`${base}/metrics`)).text());
    sources.set('/events (server-sent events)', await readEvents(`${base}/events`, 2_500));
    run.child.kill('SIGTERM');
    const code = await exited;
    expect(code, output()).toBe(0);
    await webhook.close();
    sources.set('stdout', run.stdout);
    sources.set('stderr (the JSON log)', run.stderr);
    sources.set('Discord webhook bodies', webhook.bodies.join('\n'));
    for (const file of readdirSync(journalDir)) sources.set(`journal file ${file}`, readFileSync(path.join(journalDir, file)));
  }, 240_000);

  it('ran for real: signed orders, logged, reported, notified, journaled', () => {
    expect(sources.get('stdout')).toContain('market maker running (paper)');
    expect(sources.get('stderr (the JSON log)')).toContain('"msg":"commands sent"');
    expect(sources.get('Discord webhook bodies')).toContain('"embeds"');
    expect(sources.get('/api/snapshot')).toContain('"mode":"paper"');
    expect(sources.get('/events (server-sent events)')).toContain('event: snapshot');
    expect([...sources.keys()].some((name) => name.startsWith('journal file journal.sqlite'))).toBe(true);
  });

  it('no log line, stdout, dashboard, SSE, snapshot, metrics, Discord body, journal byte or process title holds the key', () => {
    const leaks = [...sources].flatMap(([name, data]) => leaksOf(key, data).map((spelling) => `${name}: ${spelling}`));
    expect(leaks).toEqual([]);
  });
});

describe('crash and refusal output never holds the key', () => {
  it('a crash after the key is loaded (journal path under a file) prints a stack without it', async () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, '');
    const { run, exited } = startBot({ HL_PRIVATE_KEY: OWN_KEY, MM_MONITOR_PORT: '0', JOURNAL_PATH: path.join(file, 'journal.sqlite') });
    expect(await exited).toBe(1);
    expect(run.stderr).toMatch(/live-bot: crashed: Error: EEXIST/);
    expect(leaksOf(OWN_KEY, `${run.stdout}${run.stderr}`)).toEqual([]);
  }, 90_000);

  it.each([
    { name: 'outside the curve (all f)', key: `0x${'f'.repeat(64)}`, problem: /HL_PRIVATE_KEY: is not a valid secp256k1 private key/ },
    { name: 'without 0x', key: OWN_KEY.slice(2), problem: /HL_PRIVATE_KEY: must be 0x followed by 64 hex digits/ },
    { name: 'one digit short', key: OWN_KEY.slice(0, -1), problem: /HL_PRIVATE_KEY: must be 0x followed by 64 hex digits/ },
  ])(
    'a key $name is refused naming HL_PRIVATE_KEY, without repeating it',
    async ({ key, problem }) => {
      const { run, exited } = startBot({ HL_PRIVATE_KEY: key, MM_MONITOR_PORT: '0', JOURNAL_PATH: path.join(work, 'refused.sqlite') });
      expect(await exited).toBe(1);
      expect(run.stderr).toMatch(problem);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      const padded = `0x${key.replace(/^0x/, '').padEnd(64, '0')}`;
      expect(leaksOf(padded, `${run.stdout}${run.stderr}`)).toEqual([]);
    },
    90_000,
  );
});
