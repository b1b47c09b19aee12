import { open } from 'node:fs/promises';
import { InvalidInputError } from '@mm/core';
import { forEachTextLine } from './text-lines.js';
import { forEachArchiveLine, hyperliquidArchiveKind, type HyperliquidArchiveKind } from './hyperliquid-archive.js';
import { binancePublicKind, type BinancePublicKind } from './binance-public.js';
import { tardisDataType, type TardisDataType } from './tardis-csv.js';

/** The market-data formats `convert` reads. */
export const DATA_FORMATS = ['capture', 'tardis', 'hftbacktest', 'hl-archive', 'binance-public'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

export interface DetectedFormat {
  format: DataFormat;
  /** For Tardis files, the data type the header names. */
  tardisType?: TardisDataType;
  /** For Hyperliquid archive files, which of its line shapes. */
  hlArchiveKind?: HyperliquidArchiveKind;
  /** For Binance public-data CSVs, aggTrades or klines. */
  binanceKind?: BinancePublicKind;
  /** What gave it away, for messages. */
  evidence: string;
}

const KNOWN =
  "capture: '<local receive ns> <json>' lines, gzip (our recorder's files, the shared captures); " +
  'tardis: Tardis.dev CSV, gzip or plain, header exchange,symbol,timestamp,local_timestamp,... ' +
  '(incremental_book_L2, trades, book_snapshot_25/_5, quotes, derivative_ticker); ' +
  'hftbacktest: hftbacktest 1.x .npz event arrays (numpy zip holding data.npy; needs --venue and --symbol); ' +
  'hl-archive: Hyperliquid public data, LZ4 or plain JSON lines: market_data l2Book ({"time":…,"ver_num":1,"raw":{"channel":"l2Book",…}}) ' +
  'and node_trades ({"coin":…,"side":…,"px":…,"side_info":[…]}); ' +
  'binance-public: data.binance.vision USD-M aggTrades CSV (agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker; ' +
  'header optional, unzipped; needs --symbol)';

/** A file `convert` cannot read: names what it saw and the formats it knows. */
export class UnknownDataFormatError extends InvalidInputError {
  constructor(file: string, saw: string) {
    super(`cannot tell the format of ${file}: ${saw}. Formats known: ${KNOWN}`, { file });
  }
}

/** Tells a market-data file's format from its first line (any file name will do). */
export async function detectDataFormat(file: string): Promise<DetectedFormat> {
  const handle = await open(file, 'r').catch((error: Error) => {
    throw new UnknownDataFormatError(file, `it cannot be opened (${error.message})`);
  });
  const head = Buffer.alloc(4);
  await handle.read(head, 0, 4, 0).finally(() => handle.close());
  if (head.readUInt32LE(0) === 0x04034b50) return { format: 'hftbacktest', evidence: 'a zip file (numpy .npz)' };
  const lz4 = head.readUInt32LE(0) === 0x184d2204;
  let first: string | undefined;
  try {
    await (lz4 ? forEachArchiveLine : forEachTextLine)(file, (line) => {
      if (line.trim() === '') return;
      first = line;
      return false;
    });
  } catch (error) {
    throw new UnknownDataFormatError(file, `it cannot be read as text (${(error as Error).message})`);
  }
  if (first === undefined) throw new UnknownDataFormatError(file, 'it is empty');
  const tardisType = tardisDataType(first);
  if (tardisType !== undefined) return { format: 'tardis', tardisType, evidence: `Tardis ${tardisType} header` };
  const hlArchiveKind = hyperliquidArchiveKind(first);
  if (hlArchiveKind !== undefined)
    return { format: 'hl-archive', hlArchiveKind, evidence: `Hyperliquid archive ${hlArchiveKind} line${lz4 ? ' (LZ4)' : ''}` };
  const binanceKind = binancePublicKind(first);
  if (binanceKind !== undefined) return { format: 'binance-public', binanceKind, evidence: `Binance public-data ${binanceKind} CSV` };
  if (/^\d{10,22} [[{]/.test(first)) return { format: 'capture', evidence: "'<ns> <json>' capture line" };
  const shown = first.length > 100 ? `${first.slice(0, 100)}…` : first;
  const printable = /^[\x20-\x7e\t]*$/.test(shown) ? shown : `${shown.replace(/[^\x20-\x7e]/g, '?')} (binary)`;
  throw new UnknownDataFormatError(file, `its first line is ${JSON.stringify(printable)}`);
}
