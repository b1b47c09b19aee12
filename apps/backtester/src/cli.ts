import path from 'node:path';
import { MmError } from '@mm/core';
import { asSimMain } from './as-sim/index.js';
import { bookCommand } from './commands/book-command.js';
import { convertCommand } from './commands/convert-command.js';
import { replayCommand } from './commands/replay-command.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const USAGE = `usage: pnpm --filter backtester run <command> -- [flags]
  replay  --data <file>[,<file>...] [--symbol S] [--tick-size T] [--lot-size L] [--min-notional N]
          [--venue hyperliquid|binance-usdm] [--config run.json] [--repeat N]
          [--out dir] [--queue-model conservative|power-prob] [--queue-power P] [--latency-ms L]
          [--book full|top]  (top: best bid/offer + trades only, queue behind the whole displayed best size)
          [--order-size-usd U] [--base-spread-bps B] [--max-position-usd M] [--strategy basic|adaptive]
          [--funding <series.csv.gz> [--funding-align YYYY-MM-DD] [--funding-interval-hours H]]
          [--no-report] [--quiet]
  book    --data <file>[,<file>...] --at <time>[,<time>...] [--symbol S] [--json]  (times: ISO-8601, nanoseconds, or end)
  as-sim  --gamma 0.1 --paths 1000 --seed 1
  convert --data <file>[,<file>...] --out <file.arrow> [--from auto|capture|tardis|hftbacktest|hl-archive|binance-public] [--symbol S] [--tick-size T] [--lot-size L] [--min-notional N]
The venue and symbol are read from the capture's content; an unknown symbol needs --tick-size, --lot-size, --min-notional.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = rest[0] === '--' ? rest.slice(1) : rest;
  switch (command) {
    case 'replay': {
      const outcome = await replayCommand(flags, repositoryRoot);
      console.log(outcome.text);
      return 0;
    }
    case 'book':
      console.log(await bookCommand(flags));
      return 0;
    case 'as-sim':
      console.log(asSimMain(flags));
      return 0;
    case 'convert':
      console.log(await convertCommand(flags));
      return 0;
    default:
      console.error(command === undefined ? USAGE : `unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof MmError) {
    console.error(`backtester: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
