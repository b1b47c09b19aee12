import { InvalidInputError } from '@mm/core';
import { forEachCaptureLine } from './capture-line-reader.js';
import type { CaptureVenue } from './capture-instruments.js';

/** Every market a capture's content can be recognised as; the converter reads the `CaptureVenue`s. */
export type RecognisedCaptureVenue = CaptureVenue | 'binance-coinm' | 'binance-spot';

export interface CaptureContent {
  venue: RecognisedCaptureVenue;
  /** Symbols seen in the lines read, as the venue spells them ("BTCUSDT", "BTC"), first seen first. */
  symbols: string[];
  /** What gave the venue away, for messages. */
  evidence: string;
  /** Lines read to tell. */
  linesRead: number;
}

/** A file whose content matches no capture format the project knows. */
export class UnknownCaptureFormatError extends InvalidInputError {
  constructor(file: string, saw: string) {
    super(
      `cannot tell what ${file} holds: ${saw}. Known capture formats: '<local ns> <json>' lines (gzip) of ` +
        'Hyperliquid WebSocket messages (channel l2Book / trades) or Binance streams (USD-M futures depthUpdate with pu, ' +
        'COIN-M futures with _PERP symbols, spot depthUpdate without pu), and their REST depth snapshots',
      { file },
    );
  }
}

const DEFAULT_LINES = 4_000;

/**
 * Reads the first lines of a capture and says which venue's messages it holds and for which
 * symbols, from the content alone (stream and channel names, the fields each venue sends), so a
 * capture can live under any file name. Several symbols per file are normal (the recorder writes
 * BTC and ETH into one file).
 */
export async function inspectCapture(file: string, options: { maxLines?: number } = {}): Promise<CaptureContent> {
  const maxLines = options.maxLines ?? DEFAULT_LINES;
  const symbols: string[] = [];
  const addSymbol = (symbol: unknown) => {
    if (typeof symbol === 'string' && symbol !== '' && !symbols.includes(symbol)) symbols.push(symbol);
  };
  let venue: RecognisedCaptureVenue | undefined;
  let evidence = '';
  let firstLine: string | undefined;
  let unparsable = 0;
  let linesRead = 0;
  const decide = (found: RecognisedCaptureVenue, why: string) => {
    if (venue === undefined) {
      venue = found;
      evidence = why;
    }
  };
  await forEachCaptureLine(file, (payload) => {
    linesRead += 1;
    firstLine ??= payload.slice(0, 120);
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      unparsable += 1;
      return linesRead < maxLines;
    }
    if (message === null || typeof message !== 'object') return linesRead < maxLines;
    const channel = message.channel;
    if (channel === 'l2Book' || channel === 'trades') {
      decide('hyperliquid', `channel '${channel}'`);
      const data = message.data;
      if (Array.isArray(data)) for (const trade of data) addSymbol((trade as { coin?: unknown }).coin);
      else addSymbol((data as { coin?: unknown } | undefined)?.coin);
    } else if (typeof message.stream === 'string' || typeof message.e === 'string') {
      const data = (typeof message.stream === 'string' ? message.data : message) as Record<string, unknown> | undefined;
      if (data !== undefined && data !== null && typeof data === 'object') {
        addSymbol(data.s);
        if (data.e === 'depthUpdate') {
          const symbol = String(data.s ?? '');
          if ('pu' in data)
            decide(
              symbol.endsWith('_PERP') || 'ps' in data ? 'binance-coinm' : 'binance-usdm',
              `Binance depthUpdate with 'pu' for ${symbol}`,
            );
          else decide('binance-spot', `Binance depthUpdate without 'pu' for ${symbol}`);
        }
      }
    }
    // Decided and no new symbol for a while: the rest of the file says nothing new.
    return linesRead < maxLines;
  });
  if (venue === undefined) {
    const saw =
      linesRead === 0
        ? 'it has no lines (empty, or not gzip text)'
        : unparsable === linesRead
          ? `no line is '<local ns> <json>' (first: ${JSON.stringify(firstLine)})`
          : `none of its first ${linesRead} messages is a depth or book message (first: ${JSON.stringify(firstLine)})`;
    throw new UnknownCaptureFormatError(file, saw);
  }
  const found: RecognisedCaptureVenue = venue;
  const kept = found === 'hyperliquid' ? symbols : symbols.filter((symbol) => symbol === symbol.toUpperCase());
  return { venue: found, symbols: kept, evidence, linesRead };
}

/** Narrows a recognised venue to one the converter reads, or says why not. */
export function convertibleVenue(file: string, content: CaptureContent): CaptureVenue {
  if (content.venue === 'binance-usdm' || content.venue === 'hyperliquid') return content.venue;
  const what =
    content.venue === 'binance-coinm'
      ? 'Binance COIN-M (inverse contracts, sizes in USD contracts)'
      : 'Binance spot (depth@100ms without pu)';
  throw new InvalidInputError(
    `${file} holds ${what} messages (${content.evidence}); the converter reads Binance USD-M and Hyperliquid captures only so far`,
    { file, venue: content.venue },
  );
}
