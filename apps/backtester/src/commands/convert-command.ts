import { z } from 'zod';
import { convertCapture } from '@mm/feeds';
import { captureVenue } from './capture-venue.js';
import { listFlag, parseFlags } from './parse-flags.js';
import { userPath } from './user-path.js';

const convertFlagsSchema = z.strictObject({
  data: listFlag,
  out: z.string().min(1),
  venue: z.enum(['binance-usdm', 'hyperliquid']).optional(),
});

/** `convert --data a.gz[,b.gz] --out file.arrow`: raw captures to a columnar event log. */
export async function convertCommand(argv: readonly string[]): Promise<string> {
  const parsed = parseFlags(argv, convertFlagsSchema, 'convert arguments');
  const flags = { ...parsed, data: parsed.data.map((file) => userPath(file, '--data', true)), out: userPath(parsed.out, '--out', false) };
  const venue = captureVenue(flags.data[0]!, flags.venue);
  const { metadata } = await convertCapture({ inputs: flags.data, output: flags.out, venue });
  const counts = metadata.counts;
  return `${parsed.out}: ${counts.events.toLocaleString('en-US')} events (${counts.depthLevelChanges} level changes, ${counts.snapshotLevels} snapshot levels, ${counts.trades} trades), ${counts.rows} rows, ${counts.gaps} gaps, venue clock shifted by ${metadata.venueClockOffsetUs} µs`;
}
