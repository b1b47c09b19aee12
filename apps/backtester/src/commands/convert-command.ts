import path from 'node:path';
import { startProgress } from '@mm/cli';
import { z } from 'zod';
import { InvalidInputError } from '@mm/core';
import {
  convertCapture,
  DATA_FORMATS,
  detectDataFormat,
  importBinanceAggTrades,
  importHftbacktestNpz,
  importHyperliquidArchive,
  importTardis,
  type DataFormat,
  type EventLogMetadata,
} from '@mm/feeds';
import { captureFlagsShape, captureMarket } from './capture-venue.js';
import { listFlag, parseFlags } from './parse-flags.js';
import { outputPath, userPath, writeAtomically } from './user-path.js';

export const convertFlagsSchema = z.strictObject({
  data: listFlag,
  out: z.string().min(1),
  /** The input format; 'auto' (default) tells it from each file's content. */
  from: z.enum(['auto', ...DATA_FORMATS]).default('auto'),
  ...captureFlagsShape,
});

/** The format of every input: told from the content, checked against `--from` when given. */
export async function inputFormat(files: readonly string[], from: 'auto' | DataFormat): Promise<DataFormat> {
  let format: DataFormat | undefined;
  for (const file of files) {
    const detected = await detectDataFormat(file);
    if (from !== 'auto' && detected.format !== from) {
      throw new InvalidInputError(
        `${file} holds ${detected.format} data (${detected.evidence}), not ${from}: drop --from or give the right file`,
        { file },
      );
    }
    if (format !== undefined && detected.format !== format)
      throw new InvalidInputError(
        `the --data files mix formats (${format} and ${detected.format} in ${file}): convert each format on its own`,
        { file },
      );
    format = detected.format;
  }
  return format!;
}

/** `convert --data a.gz[,b.gz] --out file.arrow [--from auto|capture|tardis|hftbacktest|hl-archive|binance-public] [--symbol S] [--tick-size ...]`: market data to a columnar event log. */
export async function convertCommand(argv: readonly string[]): Promise<string> {
  const parsed = parseFlags(argv, convertFlagsSchema, 'convert arguments');
  const data = parsed.data.map((file) => userPath(file, '--data', true));
  const flags = { ...parsed, data, out: outputPath(parsed.out, '--out', data) };
  const format = await inputFormat(flags.data, flags.from);
  const progress = startProgress(`converting ${data.map((file) => path.basename(file)).join(', ')} (${format})`);
  try {
    return await writeAtomically(flags.out, (output) => convertTo(output, flags, format, parsed.out));
  } finally {
    progress.done();
  }
}

async function convertTo(output: string, flags: z.infer<typeof convertFlagsSchema>, format: DataFormat, shownOut: string): Promise<string> {
  let metadata: EventLogMetadata;
  let read: string;
  const overrides = {
    ...(flags.tickSize === undefined ? {} : { tickSize: flags.tickSize }),
    ...(flags.lotSize === undefined ? {} : { lotSize: flags.lotSize }),
    ...(flags.minNotional === undefined ? {} : { minNotional: flags.minNotional }),
  };
  if (format === 'hftbacktest') {
    if (flags.venue === undefined || flags.symbol === undefined)
      throw new InvalidInputError(
        'an hftbacktest .npz names no market: give --venue and --symbol (and --tick-size/--lot-size for a symbol without built-in rules)',
      );
    if (flags.data.length > 1) throw new InvalidInputError('convert one hftbacktest .npz at a time');
    ({ metadata } = await importHftbacktestNpz({
      input: flags.data[0]!,
      output,
      venue: flags.venue,
      symbol: flags.symbol,
      instrument: overrides,
    }));
    read = 'hftbacktest .npz';
  } else if (format === 'binance-public') {
    if (flags.symbol === undefined)
      throw new InvalidInputError('a Binance public-data CSV names no symbol (its file name does): give --symbol, e.g. --symbol BTCUSDT');
    const detected = await detectDataFormat(flags.data[0]!);
    if (detected.binanceKind !== 'aggTrades')
      throw new InvalidInputError(
        `${flags.data[0]} holds Binance klines (bars): the event log holds trades and books; read bars with readBinanceKlines`,
      );
    ({ metadata } = await importBinanceAggTrades({ inputs: flags.data, output, symbol: flags.symbol, instrument: overrides }));
    read = 'Binance public-data aggTrades';
  } else if (format === 'hl-archive') {
    if (flags.venue !== undefined && flags.venue !== 'hyperliquid')
      throw new InvalidInputError(`Hyperliquid archive files hold Hyperliquid data, not ${flags.venue}: drop --venue`);
    const result = await importHyperliquidArchive({
      inputs: flags.data,
      output,
      ...(flags.symbol === undefined ? {} : { symbol: flags.symbol }),
      instrument: overrides,
    });
    metadata = result.metadata;
    read = `Hyperliquid archive ${result.files.map((file) => `${file.kind} (${file.rows.toLocaleString('en-US')} lines)`).join(', ')}`;
  } else if (format === 'tardis') {
    const result = await importTardis({
      inputs: flags.data,
      output,
      ...(flags.symbol === undefined ? {} : { symbol: flags.symbol }),
      ...(flags.venue === undefined ? {} : { venue: flags.venue }),
      instrument: overrides,
    });
    metadata = result.metadata;
    read =
      `Tardis ${result.files.map((file) => `${file.type} (${file.rows.toLocaleString('en-US')} rows)`).join(', ')}` +
      (result.funding === undefined
        ? ''
        : `; funding series of ${result.funding.timesUs.length} settlements read but not stored in the log`);
  } else {
    const market = await captureMarket(flags.data[0]!, flags);
    ({ metadata } = await convertCapture({
      inputs: flags.data,
      output,
      venue: market.venue,
      symbol: market.symbol,
      instrument: market.overrides,
    }));
    read = 'raw capture';
  }
  const counts = metadata.counts;
  const quality = metadata.dataQuality ?? [];
  return (
    `${shownOut}: ${metadata.instrument.symbol} on ${metadata.instrument.venue} from ${read}, ${counts.events.toLocaleString('en-US')} events ` +
    `(${counts.depthLevelChanges} level changes, ${counts.snapshotLevels} snapshot levels, ${counts.trades} trades), ${counts.rows} rows, ${counts.gaps} gaps; ` +
    `receive clock shifted by ${(metadata.localClockShiftUs / 1000).toFixed(3)} ms onto the venue's (receive delays now 0 to ${(metadata.receiveDelayUs.max / 1000).toFixed(1)} ms)` +
    (quality.length === 0 ? '' : `\ndata quality: ${quality.map((event) => `${event.kind} ×${event.count} (${event.detail})`).join('; ')}`)
  );
}
