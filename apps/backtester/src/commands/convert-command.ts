import { z } from 'zod';
import { convertCapture } from '@mm/feeds';
import { captureFlagsShape, captureMarket } from './capture-venue.js';
import { listFlag, parseFlags } from './parse-flags.js';
import { userPath } from './user-path.js';

const convertFlagsSchema = z.strictObject({
  data: listFlag,
  out: z.string().min(1),
  ...captureFlagsShape,
});

/** `convert --data a.gz[,b.gz] --out file.arrow [--symbol S] [--tick-size ...]`: raw captures to a columnar event log. */
export async function convertCommand(argv: readonly string[]): Promise<string> {
  const parsed = parseFlags(argv, convertFlagsSchema, 'convert arguments');
  const flags = { ...parsed, data: parsed.data.map((file) => userPath(file, '--data', true)), out: userPath(parsed.out, '--out', false) };
  const market = await captureMarket(flags.data[0]!, flags);
  const { metadata } = await convertCapture({ inputs: flags.data, output: flags.out, venue: market.venue, symbol: market.symbol, instrument: market.overrides });
  const counts = metadata.counts;
  return (
    `${parsed.out}: ${metadata.instrument.symbol} on ${metadata.instrument.venue}, ${counts.events.toLocaleString('en-US')} events ` +
    `(${counts.depthLevelChanges} level changes, ${counts.snapshotLevels} snapshot levels, ${counts.trades} trades), ${counts.rows} rows, ${counts.gaps} gaps; ` +
    `receive clock shifted by ${(metadata.localClockShiftUs / 1000).toFixed(3)} ms onto the venue's (receive delays now 0 to ${(metadata.receiveDelayUs.max / 1000).toFixed(1)} ms)`
  );
}
