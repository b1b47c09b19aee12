import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InvalidInputError, MICROS_PER_HOUR, MICROS_PER_MILLI, MICROS_PER_MINUTE, type Micros } from '@mm/core';

/**
 * A venue's settled funding rates: one rate per settlement, as a fraction of notional that longs
 * pay shorts (negative: shorts pay longs). Times are UTC settlement instants, ascending.
 */
export interface FundingSeries {
  /** What the series is, for reports: the file's name and symbol. */
  name: string;
  symbol: string;
  /** Settlement period of the series (8 h for Binance/Bybit, 1 h for dYdX or Hyperliquid). */
  intervalUs: Micros;
  timesUs: Float64Array;
  rates: Float64Array;
  /** Hours subtracted from the file's clock to get UTC (3 for the shared Binance/Bybit files). */
  utcOffsetHours: number;
}

export interface ReadFundingSeriesOptions {
  /**
   * The file's clock as hours ahead of UTC. By default told from the content: an 8-hourly series
   * whose settlements fall 3 h after 00/08/16 UTC was written at UTC+3 (the collector of the shared
   * `funding/` files, see its README); otherwise UTC.
   */
  utcOffsetHours?: number;
}

export class FundingSeriesError extends InvalidInputError {}

const HEADER = /^\s*symbol\s*,\s*date\s*,\s*funding rate\s*$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?Z?$/;

/**
 * Reads a funding-rate CSV (`Symbol,Date,Funding Rate`, gzip or plain, as in the shared
 * `funding/` folder, from supervik/historical-funding-rates-fetcher). Times are rounded to the
 * minute (the collector's times carry a few ms of jitter, e.g. `03:00:00.002`) and moved to UTC.
 * The period is the most common spacing of the rows. A later strategy reads the same series.
 */
export async function readFundingSeries(file: string, options: ReadFundingSeriesOptions = {}): Promise<FundingSeries> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new FundingSeriesError(`cannot read funding series ${file}: ${(error as Error).message}`, { file });
  }
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  const lines = text.split(/\r?\n/);
  if (!HEADER.test(lines[0] ?? '')) {
    throw new FundingSeriesError(`${file}: expected the header 'Symbol,Date,Funding Rate', saw '${(lines[0] ?? '').slice(0, 80)}'`, {
      file,
    });
  }
  const times: number[] = [];
  const rates: number[] = [];
  let symbol = '';
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const [rowSymbol, date, rateText, ...extra] = line.split(',');
    const match = DATE.exec((date ?? '').trim());
    const rate = Number(rateText);
    if (match === null || rateText === undefined || rateText.trim() === '' || !Number.isFinite(rate) || extra.length > 0) {
      throw new FundingSeriesError(`${file} line ${index + 1}: expected 'Symbol,YYYY-MM-DD HH:MM:SS,rate', saw '${line.slice(0, 80)}'`, {
        file,
        line: index + 1,
      });
    }
    symbol ||= (rowSymbol ?? '').trim();
    const [, year, month, day, hour, minute, second] = match;
    const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second ?? 0));
    const timeUs = Math.round((ms * MICROS_PER_MILLI) / MICROS_PER_MINUTE) * MICROS_PER_MINUTE;
    if (times.length > 0 && timeUs <= times[times.length - 1]!) {
      throw new FundingSeriesError(`${file} line ${index + 1}: time ${date} is not after the previous row's`, { file, line: index + 1 });
    }
    times.push(timeUs);
    rates.push(rate);
  }
  if (times.length < 2) throw new FundingSeriesError(`${file}: a funding series needs at least two rows, found ${times.length}`, { file });
  const intervalUs = commonSpacing(times);
  const utcOffsetHours = options.utcOffsetHours ?? guessUtcOffsetHours(times, intervalUs);
  const shiftUs = utcOffsetHours * MICROS_PER_HOUR;
  return {
    name: `${path.basename(file)} (${symbol})`,
    symbol,
    intervalUs,
    timesUs: Float64Array.from(times, (time) => time - shiftUs),
    rates: Float64Array.from(rates),
    utcOffsetHours,
  };
}

function commonSpacing(times: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let index = 1; index < times.length; index += 1) {
    const spacing = times[index]! - times[index - 1]!;
    counts.set(spacing, (counts.get(spacing) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/** 3 when most rows of an 8-hourly series sit at 03/11/19 h (UTC+3 wall clock), else 0. */
function guessUtcOffsetHours(times: readonly number[], intervalUs: number): number {
  if (intervalUs !== 8 * MICROS_PER_HOUR) return 0;
  let atPlusThree = 0;
  for (const time of times) if ((time - 3 * MICROS_PER_HOUR) % intervalUs === 0) atPlusThree += 1;
  return atPlusThree > times.length / 2 ? 3 : 0;
}
