import { InvalidInputError, type Instrument, type Micros } from '@mm/core';
import { readCaptureLines } from '@mm/feeds';
import { z } from 'zod';

export interface CapturedLevel {
  priceTicks: number;
  sizeLots: number;
  /** Number of orders at the level (`n`), served back in `l2Book`. */
  orders: number;
}

export interface CapturedBook {
  kind: 'book';
  localTimeUs: Micros;
  timeMs: number;
  bids: CapturedLevel[];
  asks: CapturedLevel[];
}

export interface CapturedTrade {
  /** The aggressor: 'B' bought (lifted asks), 'A' sold. */
  side: 'B' | 'A';
  priceTicks: number;
  sizeLots: number;
  timeMs: number;
  hash: string;
  users: [string, string];
}

export interface CapturedTrades {
  kind: 'trades';
  localTimeUs: Micros;
  trades: CapturedTrade[];
}

/**
 * A recorder's gap marker (`mm.gap`): nothing was received between `fromNs` and `toNs`, so the
 * book before it is not the market after it. The venue withdraws its book until the next snapshot,
 * as @mm/feeds' converter (a Gap row) and the backtest (book unknown until a snapshot) do.
 */
export interface CapturedGap {
  kind: 'gap';
  localTimeUs: Micros;
  reason: string;
  fromNs: string;
  toNs: string;
}

export type CapturedFrame = CapturedBook | CapturedTrades | CapturedGap;

export interface MarketCapture {
  coin: string;
  frames: CapturedFrame[];
  firstLocalTimeUs: Micros;
  lastLocalTimeUs: Micros;
}

const levelSchema = z.object({ px: z.string(), sz: z.string(), n: z.number().int().nonnegative() });
const frameSchema = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('mm.gap'),
    data: z.object({ reason: z.string(), fromNs: z.string(), toNs: z.string() }),
  }),
  z.object({
    channel: z.literal('l2Book'),
    data: z.object({ coin: z.string(), time: z.number().int(), levels: z.tuple([z.array(levelSchema), z.array(levelSchema)]) }),
  }),
  z.object({
    channel: z.literal('trades'),
    data: z.array(
      z.object({
        coin: z.string(),
        side: z.enum(['B', 'A']),
        px: z.string(),
        sz: z.string(),
        time: z.number().int(),
        hash: z.string().default('0x' + '0'.repeat(64)),
        users: z.tuple([z.string(), z.string()]).default(['0x' + '0'.repeat(40), '0x' + '0'.repeat(40)]),
      }),
    ),
  }),
]);

/**
 * Loads a recorded Hyperliquid capture (small: seconds of `l2Book` and `trades`) into memory, on
 * the instrument's tick/lot grid, keeping what the venue serves back (`n`, hashes, users), and the
 * recorder's gap markers (for every coin of the file). Frames of other channels or coins are skipped.
 */
export async function loadMarketCapture(path: string, instrument: Instrument): Promise<MarketCapture> {
  const frames: CapturedFrame[] = [];
  for await (const line of readCaptureLines(path)) {
    let json: unknown;
    try {
      json = JSON.parse(line.payload);
    } catch {
      continue;
    }
    const parsed = frameSchema.safeParse(json);
    if (!parsed.success) continue;
    const frame = parsed.data;
    if (frame.channel === 'mm.gap') {
      frames.push({ kind: 'gap', localTimeUs: line.localTimeUs, ...frame.data });
    } else if (frame.channel === 'l2Book') {
      if (frame.data.coin !== instrument.symbol) continue;
      const toLevel = (level: z.infer<typeof levelSchema>): CapturedLevel => ({
        priceTicks: instrument.parsePriceTicks(level.px),
        sizeLots: instrument.parseSizeLots(level.sz),
        orders: level.n,
      });
      frames.push({
        kind: 'book',
        localTimeUs: line.localTimeUs,
        timeMs: frame.data.time,
        bids: frame.data.levels[0].map(toLevel),
        asks: frame.data.levels[1].map(toLevel),
      });
    } else {
      const trades = frame.data
        .filter((trade) => trade.coin === instrument.symbol)
        .map((trade): CapturedTrade => ({
          side: trade.side,
          priceTicks: instrument.parsePriceTicks(trade.px),
          sizeLots: instrument.parseSizeLots(trade.sz),
          timeMs: trade.time,
          hash: trade.hash,
          users: trade.users,
        }));
      if (trades.length > 0) frames.push({ kind: 'trades', localTimeUs: line.localTimeUs, trades });
    }
  }
  if (!frames.some((frame) => frame.kind === 'book')) {
    throw new InvalidInputError(`capture '${path}' holds no l2Book frames for ${instrument.symbol}`, { path });
  }
  return {
    coin: instrument.symbol,
    frames,
    firstLocalTimeUs: frames[0]!.localTimeUs,
    lastLocalTimeUs: frames[frames.length - 1]!.localTimeUs,
  };
}
