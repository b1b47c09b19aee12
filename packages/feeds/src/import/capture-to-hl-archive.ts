import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compressFrameSync } from 'lz4-napi';
import { InvalidInputError } from '@mm/core';
import { forEachTextLine } from './text-lines.js';

export interface HyperliquidArchiveExport {
  /** `market_data/<date>/<hour>/l2Book/<coin>.lz4` files, in time order. */
  l2Book: string[];
  /** `node_trades/hourly/<date>/<hour>.lz4` files, in time order. */
  nodeTrades: string[];
  rows: { l2Book: number; nodeTrades: number };
}

interface WsTrade {
  coin: string;
  side: string;
  px: string;
  sz: string;
  time: number;
  hash: string;
  tid: number;
  users: [string, string];
}

/** `<date>/<hour>` of the archive's folders (UTC, hour unpadded) and the UTC time text of a µs time. */
function archiveClock(timeUs: number, fractionDigits: 3 | 9, nanos = 0): { folder: string; text: string } {
  const iso = new Date(Math.floor(timeUs / 1000)).toISOString(); // 2025-01-26T19:14:03.893Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const hour = String(Number(iso.slice(11, 13)));
  const fraction = fractionDigits === 3 ? iso.slice(20, 23) : String(Math.round(timeUs % 1_000_000) * 1000 + nanos).padStart(9, '0');
  return { folder: `${date}/${hour}`, text: `${iso.slice(0, 19)}.${fraction}` };
}

/**
 * Writes a raw Hyperliquid capture (`<local ns> <json>` lines of `l2Book` and `trades` frames) out
 * in Hyperliquid's public-data layout (see `hyperliquid-archive.ts`), LZ4 frames: each `l2Book`
 * frame as an archive line (`time` = our receive time, `raw` = the frame as received), each trade
 * as a node_trades line (`time` = the trade's, `side`, `px`, `sz`, `hash` as sent, `side_info`
 * users = the frame's `users` [buyer, seller]). The fields a WebSocket trade does not carry
 * (`start_pos`, `oid`, `twap_id`, `cloid`) are written null rather than made up. A trade sent
 * twice (same `tid`) is written once. Used to make the importer's fixtures from real data.
 */
export async function exportCaptureToHyperliquidArchive(capture: string, outDir: string): Promise<HyperliquidArchiveExport> {
  const books = new Map<string, string[]>();
  const trades = new Map<string, string[]>();
  const seenTrades = new Set<number>();
  let l2Rows = 0;
  let tradeRows = 0;
  await forEachTextLine(capture, (line, number) => {
    const space = line.indexOf(' ');
    if (space < 0) return;
    const nanosText = line.slice(0, space);
    if (!/^\d{10,22}$/.test(nanosText))
      throw new InvalidInputError(`${capture} line ${number}: not a '<ns> <json>' capture line`, { capture, line: number });
    const message = JSON.parse(line.slice(space + 1)) as { channel?: string; data?: unknown };
    if (message.channel === 'l2Book') {
      const data = message.data as { coin: string };
      const localUs = Number(BigInt(nanosText) / 1000n);
      const { folder, text } = archiveClock(localUs, 9, Number(BigInt(nanosText) % 1000n));
      const file = `market_data/${folder}/l2Book/${data.coin}.lz4`;
      const lines = books.get(file) ?? [];
      lines.push(JSON.stringify({ time: text, ver_num: 1, raw: message }));
      books.set(file, lines);
      l2Rows += 1;
    } else if (message.channel === 'trades') {
      for (const trade of message.data as WsTrade[]) {
        if (seenTrades.has(trade.tid)) continue;
        seenTrades.add(trade.tid);
        const { folder, text } = archiveClock(trade.time * 1000, 3);
        const file = `node_trades/hourly/${folder}.lz4`;
        const lines = trades.get(file) ?? [];
        const side = (user: string) => ({ user, start_pos: null, oid: null, twap_id: null, cloid: null });
        lines.push(
          JSON.stringify({
            coin: trade.coin,
            side: trade.side,
            time: text,
            px: trade.px,
            sz: trade.sz,
            hash: trade.hash,
            trade_dir_override: 'Na',
            side_info: [side(trade.users[0]), side(trade.users[1])],
          }),
        );
        trades.set(file, lines);
        tradeRows += 1;
      }
    }
  });
  const write = (files: Map<string, string[]>): string[] =>
    [...files.keys()].sort(byArchiveTime).map((relative) => {
      const target = path.join(outDir, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, compressFrameSync(Buffer.from(`${files.get(relative)!.join('\n')}\n`)));
      return target;
    });
  return { l2Book: write(books), nodeTrades: write(trades), rows: { l2Book: l2Rows, nodeTrades: tradeRows } };
}

/** Archive paths ordered by their `<date>/<hour>` (hours are unpadded, so not by text). */
function byArchiveTime(a: string, b: string): number {
  const key = (file: string) => {
    const match = /(\d{8})\/(\d{1,2})[/.]/.exec(file);
    return match === null ? 0 : Number(match[1]) * 100 + Number(match[2]);
  };
  return key(a) - key(b) || a.localeCompare(b);
}
