import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const SOAK_USAGE = `Usage: npx -y pnpm@10 soak -- [--faults 1000] [--minutes 1440] [--seed 1] [--out DIR] [--data CAPTURE.gz]

Runs the live bot (a child process) against the local Hyperliquid venue replaying recorded data and
injects faults at seeded random moments, one after another: WebSocket drops, 429/5xx bursts, slow
and lost acks, partial and full order rejects, stale feeds, duplicate, reordered and malformed
messages, the dead man's switch, venue clock jumps, SIGKILL and restart of the bot (journal kept),
venue restarts. After each fault it waits for the bot to recover and checks the invariants; at the
end it prints the verdict and writes soak-report.json and soak-timeline.html to --out (default: a
new folder under the system temporary directory). Exit code 0 on PASS, 1 on FAIL, 2 on a usage error.`;

const argumentsSchema = z.strictObject({
  faults: z.coerce.number().int().min(1).max(100_000).default(1_000),
  minutes: z.coerce
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(24 * 60),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  out: z.string().min(1).optional(),
  data: z.string().min(1).optional(),
});

export type SoakArguments =
  | { kind: 'run'; faults: number; minutes: number; seed: number; outDir: string; dataPath: string | undefined }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string };

export function parseSoakArguments(argv: readonly string[], now = new Date()): SoakArguments {
  // `pnpm soak -- --faults 10` hands the script a leading `--`.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        help: { type: 'boolean', short: 'h' },
        faults: { type: 'string' },
        minutes: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  if (values.help === true) return { kind: 'help' };
  const { help: _help, ...rest } = values;
  const parsed = argumentsSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'usage-error', message: `--${issue.path.join('.')}: ${issue.message}` };
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    kind: 'run',
    faults: parsed.data.faults,
    minutes: parsed.data.minutes,
    seed: parsed.data.seed,
    outDir: path.resolve(parsed.data.out ?? path.join(tmpdir(), `mm-soak-${stamp}`)),
    dataPath: parsed.data.data === undefined ? undefined : path.resolve(parsed.data.data),
  };
}
