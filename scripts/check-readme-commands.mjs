// Runs the README's shell command blocks as a new user would copy-paste them, from the repository
// root: each quick command must exit 0 and print its expected line; a long or unrunnable one is
// skipped with the reason below. A command no rule covers fails the check, so a new README
// command is either run or given a reason. Usage: node scripts/check-readme-commands.mjs [--list]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** `[pattern, { run: expected output } | { skip: reason }]`, first match wins. */
const RULES = [
  [
    /pnpm@10 install && npx -y pnpm@10 start$/,
    { skip: 'the bot runs until Ctrl-C; apps/live-bot/test/ctrl-c.process.test.ts starts it this way' },
  ],
  [/pnpm@10 install && npx -y pnpm@10 test$/, { skip: 'this check is part of that command' }],
  [
    /run replay -- --data \.\.\/shared\/data\/hyperliquid\/btcusd_20250126\.gz$/,
    { run: /^Backtest of the basic strategy on \.\.\/shared\/data\/hyperliquid\/btcusd_20250126\.gz/m },
  ],
  [/run as-sim -- /, { run: /^ {2}"inventory": \{/m }],
  [/run book -- .*btcusdt_20240718\.gz.*--json$/, { run: /"bestBid": "\d+(\.\d+)?"/ }],
  [
    /run replay -- --data \.\.\/shared\/data\/binance-usdm\//,
    { skip: 'a replay of a Binance capture takes minutes on a shared 2-core machine' },
  ],
  [
    /run convert -- --data \.\.\/shared\/data\//,
    { skip: 'converting the 08-08 capture takes minutes; apps/backtester/test/convert.integration.test.ts converts real captures' },
  ],
  [
    /binance-futures_|20250126\/19\/l2Book/,
    { skip: 'needs files not in ../shared/data (downloaded from Tardis or the Hyperliquid archive)' },
  ],
  [/<file>/, { skip: 'has a placeholder for a file the recorder wrote' }],
  [/--filter recorder start -- --ws-url wss:/, { skip: 'records from the real venue (no network here) until Ctrl-C' }],
  [
    /--filter @mm\/venue-hl start/,
    { skip: 'a server running until Ctrl-C; packages/venue-hl/test/cli.process.test.ts runs this command from the root' },
  ],
  [/^curl /, { skip: 'talks to the venue started above' }],
  [/^npx -y pnpm@10 bench$/, { skip: 'the benchmarks take minutes' }],
];

/** The commands of every ```sh block: comments dropped, `\` continuations joined. */
export function readmeCommands(markdown) {
  const commands = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    let pending = '';
    for (const line of block[1].split('\n')) {
      if (line.trim().startsWith('#') || line.trim() === '') continue;
      pending += line.trim();
      if (pending.endsWith('\\')) pending = `${pending.slice(0, -1).trimEnd()} `;
      else {
        commands.push(pending);
        pending = '';
      }
    }
  }
  return commands;
}

const commands = readmeCommands(readFileSync(path.join(root, 'README.md'), 'utf8'));
let failures = 0;
for (const command of commands) {
  const rule = RULES.find(([pattern]) => pattern.test(command))?.[1];
  if (rule === undefined) {
    console.error(`README command with no rule in scripts/check-readme-commands.mjs (run it or give a reason to skip): ${command}`);
    failures += 1;
  } else if ('skip' in rule) {
    console.log(`skip  ${command}\n      (${rule.skip})`);
  } else if (process.argv.includes('--list')) {
    console.log(`run   ${command}`);
  } else {
    const started = Date.now();
    const run = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const ok = run.status === 0 && rule.run.test(run.stdout);
    console.log(`${ok ? 'ok  ' : 'FAIL'}  ${command}  (${seconds} s, exit ${run.status ?? run.signal})`);
    if (!ok) {
      failures += 1;
      console.error(
        `  expected exit 0 and a line matching ${rule.run}\n--- stdout ---\n${run.stdout.slice(-3000)}\n--- stderr ---\n${run.stderr.slice(-3000)}`,
      );
    }
  }
}
if (failures > 0) {
  console.error(`${failures} README command(s) failed`);
  process.exit(1);
}
console.log(`README commands: ${commands.length} checked`);
