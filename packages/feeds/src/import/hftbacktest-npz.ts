import { readFile, writeFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { InvalidInputError, parseConfig, type Instrument } from '@mm/core';
import { captureInstrument, specOf } from '../capture-instruments.js';
import { EventBuffer } from '../event-log/event-buffer.js';
import { EventKind, EXCHANGE_EVENT, LOCAL_EVENT, eventFlags, kindOf, type EventKindCode } from '../event-log/event-row.js';
import { EVENT_LOG_FORMAT, EVENT_LOG_VERSION, openEventLog, writeEventLog, type EventLogMetadata } from '../event-log/event-log-file.js';

/*
 * hftbacktest 1.x event arrays (`hftbacktest/reader.py` and `data/utils/binancefutures.py` of
 * hftbacktest 1.8.4, MIT): an `.npz` (numpy zip) holding `data.npy`, a float64 array of N × 6
 * columns `[event, exch_timestamp, local_timestamp, side, price, qty]`. `event` is the type
 * (DEPTH_EVENT 1, TRADE_EVENT 2, DEPTH_CLEAR_EVENT 3: clear the side from its best through
 * `price`, DEPTH_SNAPSHOT_EVENT 4). Its `correct_event_order` splits events between the two
 * timelines as ours does, marking a row of one timeline only by −1 in the other's timestamp
 * (`data/validation.py`); the structured 2.x layout ORs EXCH_EVENT (1 << 31) / LOCAL_EVENT (1 << 30)
 * into `event` instead, which is read too. `side` is +1
 * (bid; for a trade, the initiator bought) or −1; `price` and `qty` as decimals; timestamps in the
 * unit the converter was asked for (ns or µs). Our rows map one to one: the same two delivery bits,
 * the same clear-through semantics. Not kept: user-defined events (≥ 100: mark, index, funding).
 */

const HFT_EXCH_EVENT = 2 ** 31;
const HFT_LOCAL_EVENT = 2 ** 30;
const DEPTH_EVENT = 1;
const TRADE_EVENT = 2;
const DEPTH_CLEAR_EVENT = 3;
const DEPTH_SNAPSHOT_EVENT = 4;
const COLUMNS = 6;

export class NpzFormatError extends InvalidInputError {}

/** The arrays of an `.npz` (numpy's zip of `.npy` files), stored or deflated, zip64 included. */
export function readNpz(bytes: Buffer, file = 'npz'): Map<string, Buffer> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new NpzFormatError(`${file} is not an .npz (numpy zip): no zip directory at its end`, { file });
  let entries = view.getUint16(end + 10, true);
  let directory = view.getUint32(end + 16, true);
  if (directory === 0xffffffff || entries === 0xffff) {
    const locator = end - 20;
    const zip64End = Number(view.getBigUint64(locator + 8, true));
    entries = Number(view.getBigUint64(zip64End + 32, true));
    directory = Number(view.getBigUint64(zip64End + 48, true));
  }
  const arrays = new Map<string, Buffer>();
  let at = directory;
  for (let entry = 0; entry < entries; entry += 1) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new NpzFormatError(`${file}: broken zip directory`, { file });
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeader = view.getUint32(at + 42, true);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    // Zip64: the sizes and offset marked 0xFFFFFFFF follow in the extra field, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = view.getUint16(extra, true);
      const size = view.getUint16(extra + 2, true);
      if (id === 1) {
        let field = extra + 4;
        if (view.getUint32(at + 24, true) === 0xffffffff) field += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(view.getBigUint64(field, true));
          field += 8;
        }
        if (localHeader === 0xffffffff) localHeader = Number(view.getBigUint64(field, true));
      }
      extra += 4 + size;
    }
    const dataStart = localHeader + 30 + view.getUint16(localHeader + 26, true) + view.getUint16(localHeader + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) arrays.set(name, raw);
    else if (method === 8) arrays.set(name, inflateRawSync(raw));
    else throw new NpzFormatError(`${file}: ${name} uses zip method ${method}; only stored and deflated are read`, { file });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return arrays;
}

/** A float64 2-D array from `.npy` bytes. */
export function readNpyFloat64(bytes: Buffer, what: string): { rows: number; columns: number; values: Float64Array } {
  if (bytes.length < 10 || bytes[0] !== 0x93 || bytes.subarray(1, 6).toString('latin1') !== 'NUMPY')
    throw new NpzFormatError(`${what} is not an .npy array`);
  const major = bytes[6]!;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = bytes.subarray(headerStart, headerStart + headerLength).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header);
  if (descr !== '<f8' || shape === null || /'fortran_order':\s*True/.test(header)) {
    throw new NpzFormatError(`${what}: expected hftbacktest 1.x's float64 N × 6 array (C order), saw header ${header.trim()}`);
  }
  const rows = Number(shape[1]);
  const columns = Number(shape[2]);
  const start = headerStart + headerLength;
  const copy = new Float64Array(rows * columns);
  new Uint8Array(copy.buffer).set(bytes.subarray(start, start + rows * columns * 8));
  return { rows, columns, values: copy };
}

export const importHftbacktestOptionsSchema = z.strictObject({
  input: z.string().min(1),
  output: z.string().min(1),
  /** The npz names no market: give it (the rules come from the venue's table or the overrides). */
  venue: z.enum(['binance-usdm', 'hyperliquid']),
  symbol: z.string().min(1),
  /** The converter's timestamp unit (`timestamp_unit`; hftbacktest's default is µs). */
  timestampUnit: z.enum(['ns', 'us']).default('ns'),
  instrument: z
    .strictObject({
      tickSize: z.string().min(1).optional(),
      lotSize: z.string().min(1).optional(),
      minNotional: z.number().nonnegative().optional(),
    })
    .default({}),
});
export type ImportHftbacktestOptions = z.input<typeof importHftbacktestOptionsSchema>;

/**
 * Imports an hftbacktest 1.x `.npz` into an event log, row for row (its event-order correction is
 * kept as it is; the two clocks as hftbacktest corrected them: `correct_local_timestamp` shifts
 * the receive clock so no delay is negative, as ours does). Prices and sizes are rounded to the
 * instrument's tick and lot (they are float64 in the file); times to whole µs.
 */
export async function importHftbacktestNpz(options: ImportHftbacktestOptions): Promise<{ metadata: EventLogMetadata }> {
  const config = parseConfig(importHftbacktestOptionsSchema, options, 'hftbacktest import options');
  const arrays = readNpz(await readFile(config.input), config.input);
  const data = arrays.get('data.npy');
  if (data === undefined)
    throw new NpzFormatError(`${config.input}: no 'data' array (holds ${[...arrays.keys()].join(', ') || 'nothing'})`, {
      file: config.input,
    });
  const { rows: count, columns, values } = readNpyFloat64(data, `${config.input}:data.npy`);
  if (columns !== COLUMNS)
    throw new NpzFormatError(`${config.input}: ${columns} columns, hftbacktest 1.x writes ${COLUMNS}`, { file: config.input });
  const instrument: Instrument = captureInstrument(config.venue, config.symbol, { overrides: config.instrument });
  const perMicro = config.timestampUnit === 'ns' ? 1000 : 1;
  const rows = new EventBuffer();
  const counts = { events: 0, depthLevelChanges: 0, snapshotLevels: 0, trades: 0, gaps: 0, rows: 0 };
  let skipped = 0;
  for (let row = 0; row < count; row += 1) {
    const base = row * COLUMNS;
    const event = values[base]!;
    const type = event % HFT_LOCAL_EVENT;
    const exchRaw = values[base + 1]!;
    const localRaw = values[base + 2]!;
    const flagged = event >= HFT_LOCAL_EVENT;
    const delivery = flagged
      ? (event >= HFT_EXCH_EVENT ? EXCHANGE_EVENT : 0) | (event % HFT_EXCH_EVENT >= HFT_LOCAL_EVENT ? LOCAL_EVENT : 0)
      : (exchRaw !== -1 ? EXCHANGE_EVENT : 0) | (localRaw !== -1 ? LOCAL_EVENT : 0);
    const bid = values[base + 3]! > 0;
    // A row of one timeline has no time on the other: it takes its own there.
    const exch = Math.round((exchRaw === -1 ? localRaw : exchRaw) / perMicro);
    const local = Math.round((localRaw === -1 ? exchRaw : localRaw) / perMicro);
    const price = Math.round(values[base + 4]! / instrument.tickSize);
    const size = Math.round(values[base + 5]! / instrument.lotSize);
    let kind: number;
    if (type === DEPTH_EVENT || type === DEPTH_SNAPSHOT_EVENT) kind = bid ? EventKind.BidLevel : EventKind.AskLevel;
    else if (type === TRADE_EVENT) kind = bid ? EventKind.TradeBuy : EventKind.TradeSell;
    else if (type === DEPTH_CLEAR_EVENT) kind = bid ? EventKind.ClearBids : EventKind.ClearAsks;
    else {
      skipped += 1;
      continue;
    }
    // Counted once per event, on its exchange row (a split event has a local-only twin).
    if ((delivery & EXCHANGE_EVENT) !== 0) {
      if (type === DEPTH_EVENT) counts.depthLevelChanges += 1;
      else if (type === DEPTH_SNAPSHOT_EVENT) counts.snapshotLevels += 1;
      else if (type === TRADE_EVENT) counts.trades += 1;
    }
    rows.push(eventFlags(kind as EventKindCode, delivery), exch, local, price, type === DEPTH_CLEAR_EVENT ? 0 : size);
  }
  counts.events = counts.depthLevelChanges + counts.snapshotLevels + counts.trades;
  counts.rows = rows.length;
  let firstLocal = Number.POSITIVE_INFINITY;
  let lastLocal = Number.NEGATIVE_INFINITY;
  let maxDelay = 0;
  for (let index = 0; index < rows.length; index += 1) {
    const local = rows.localTimeUs[index]!;
    if (local < firstLocal) firstLocal = local;
    if (local > lastLocal) lastLocal = local;
    const both = (rows.flags[index]! & (EXCHANGE_EVENT | LOCAL_EVENT)) === (EXCHANGE_EVENT | LOCAL_EVENT);
    if (both && local - rows.exchTimeUs[index]! > maxDelay) maxDelay = local - rows.exchTimeUs[index]!;
  }
  const metadata: EventLogMetadata = {
    format: EVENT_LOG_FORMAT,
    version: EVENT_LOG_VERSION,
    instrument: specOf(instrument),
    sources: [config.input],
    clocks: { exchTimeUs: 'venue', localTimeUs: 'receive, shifted onto the venue clock' },
    localClockShiftUs: 0,
    receiveDelayUs: { min: 0, max: maxDelay },
    counts,
    firstLocalTimeUs: Number.isFinite(firstLocal) ? firstLocal : 0,
    lastLocalTimeUs: Number.isFinite(lastLocal) ? lastLocal : 0,
    ...(skipped > 0
      ? {
          dataQuality: [
            {
              kind: 'user-defined-events-left-out',
              localTimeUs: firstLocal,
              count: skipped,
              detail: 'hftbacktest user-defined events (≥ 100: mark, index, funding) have no row kind here',
            },
          ],
        }
      : {}),
  };
  await writeEventLog(config.output, rows, metadata);
  return { metadata };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index += 1) crc = CRC_TABLE[(crc ^ bytes[index]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `.npz` bytes holding one stored (uncompressed) array `name.npy` of float64 rows × columns. */
export function writeNpzFloat64(name: string, values: Float64Array, rows: number, columns: number): Buffer {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const npy = Buffer.alloc(10 + header.length + values.byteLength);
  npy.write('\x93NUMPY', 0, 'latin1');
  npy[6] = 1;
  npy[7] = 0;
  npy.writeUInt16LE(header.length, 8);
  npy.write(header, 10, 'latin1');
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(npy, 10 + header.length);
  if (npy.length >= 0xffffffff)
    throw new InvalidInputError(`an array of ${npy.length} bytes needs zip64, which this writer does not do: split the log`);
  const fileName = Buffer.from(`${name}.npy`);
  const crc = crc32(npy);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(npy.length, 18);
  local.writeUInt32LE(npy.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(npy.length, 20);
  central.writeUInt32LE(npy.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const directoryStart = local.length + fileName.length + npy.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(directoryStart, 16);
  return Buffer.concat([local, fileName, npy, central, fileName, end]);
}

/**
 * Writes an event log as an hftbacktest 1.x `.npz` (the layout above, times in `timestampUnit`),
 * so the same data runs in both tools; `importHftbacktestNpz` reads it back row for row (a row of
 * one timeline only carries −1 for the other's time, as hftbacktest 1.x writes it, so that time is
 * lost: on import it takes the row's own). Lost too:
 * Gap rows (hftbacktest has no such event: a gap is silent there), and a full clear (NaN price:
 * Hyperliquid and Tardis snapshots) becomes "clear through the frame's worst level of that side",
 * which keeps any level deeper than the snapshot.
 */
export async function exportEventLogToHftbacktest(
  log: string,
  output: string,
  options: { timestampUnit?: 'ns' | 'us' } = {},
): Promise<{ rows: number; gapsLeftOut: number }> {
  const reader = await openEventLog(log);
  const tick = reader.metadata.instrument.tickSize;
  const lot = reader.metadata.instrument.lotSize;
  const perMicro = (options.timestampUnit ?? 'ns') === 'ns' ? 1000 : 1;
  const all = new EventBuffer();
  for await (const batch of reader.batches()) {
    for (let row = 0; row < batch.length; row += 1)
      all.push(batch.flags[row]!, batch.exchTimeUs[row]!, batch.localTimeUs[row]!, batch.priceTicks[row]!, batch.sizeLots[row]!);
  }
  const values = new Float64Array(all.length * COLUMNS);
  let written = 0;
  let gaps = 0;
  const tickSize = Number(tick);
  const lotSize = Number(lot);
  for (let row = 0; row < all.length; row += 1) {
    const flags = all.flags[row]!;
    const kind = kindOf(flags);
    if (kind === EventKind.Gap) {
      gaps += 1;
      continue;
    }
    const bid = kind === EventKind.BidLevel || kind === EventKind.TradeBuy || kind === EventKind.ClearBids;
    const type =
      kind === EventKind.TradeBuy || kind === EventKind.TradeSell
        ? TRADE_EVENT
        : kind === EventKind.ClearBids || kind === EventKind.ClearAsks
          ? DEPTH_CLEAR_EVENT
          : DEPTH_EVENT;
    let price = all.priceTicks[row]!;
    if (type === DEPTH_CLEAR_EVENT && Number.isNaN(price)) price = worstLevelOfFrame(all, row, bid);
    const base = written * COLUMNS;
    values[base] = type;
    values[base + 1] = (flags & EXCHANGE_EVENT) !== 0 ? all.exchTimeUs[row]! * perMicro : -1;
    values[base + 2] = (flags & LOCAL_EVENT) !== 0 ? all.localTimeUs[row]! * perMicro : -1;
    values[base + 3] = bid ? 1 : -1;
    values[base + 4] = Number((price * tickSize).toFixed(12));
    values[base + 5] = Number((all.sizeLots[row]! * lotSize).toFixed(12));
    written += 1;
  }
  await writeFile(output, writeNpzFloat64('data', values.subarray(0, written * COLUMNS), written, COLUMNS));
  return { rows: written, gapsLeftOut: gaps };
}

/** The worst price among the levels of one side that follow a clear row in its frame (same receive time). */
function worstLevelOfFrame(rows: EventBuffer, clearRow: number, bid: boolean): number {
  const time = rows.localTimeUs[clearRow]!;
  const level = bid ? EventKind.BidLevel : EventKind.AskLevel;
  let worst = bid ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (let row = clearRow + 1; row < rows.length && rows.localTimeUs[row] === time; row += 1) {
    if (kindOf(rows.flags[row]!) !== level) continue;
    const price = rows.priceTicks[row]!;
    worst = bid ? Math.min(worst, price) : Math.max(worst, price);
  }
  return Number.isFinite(worst) ? worst : 0;
}
