import path from 'node:path';
import { packageVersion, runProgram } from '@mm/cli';
import { asSimMain } from './as-sim/index.js';
import { asSimSpec, bookSpec, convertSpec, replaySpec } from './cli-commands.js';
import { bookCommand } from './commands/book-command.js';
import { convertCommand } from './commands/convert-command.js';
import { replayCommand } from './commands/replay-command.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');

// The shared layer answers --help, --version and flags no command knows (with the closest one);
// each command then validates its values itself (zod), naming the flag.
await runProgram({
  name: 'backtester',
  version: packageVersion(import.meta.dirname),
  summary: 'Replays recorded market data through the simulated exchange with the strategy code that trades live.',
  usage: ['npx -y pnpm@10 --filter backtester run <command> -- [flags]'],
  commands: {
    replay: {
      spec: replaySpec,
      run: async ({ argv }) => {
        console.log((await replayCommand(argv, repositoryRoot)).text);
      },
    },
    book: { spec: bookSpec, run: async ({ argv }) => void console.log(await bookCommand(argv)) },
    'as-sim': { spec: asSimSpec, run: ({ argv }) => void console.log(asSimMain(argv)) },
    convert: { spec: convertSpec, run: async ({ argv }) => void console.log(await convertCommand(argv)) },
  },
});
