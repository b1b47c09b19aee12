import { z } from 'zod';
import type { Instrument } from '@mm/core';
import { captureInstrument, convertibleVenue, inspectCapture, type CaptureVenue, type InstrumentOverrides } from '@mm/feeds';
import { InvalidInputError } from '@mm/core';
import { numberFlag } from './parse-flags.js';

export type { CaptureVenue };

/** Flags every command that reads a raw capture accepts: which market, and corrections to its rules. */
export const captureFlagsShape = {
  venue: z.enum(['binance-usdm', 'hyperliquid']).optional(),
  symbol: z.string().min(1).optional(),
  tickSize: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a decimal such as 0.01')
    .optional(),
  lotSize: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a decimal such as 0.001')
    .optional(),
  minNotional: numberFlag.pipe(z.number().nonnegative()).optional(),
};

export interface CaptureFlags {
  venue?: CaptureVenue | undefined;
  symbol?: string | undefined;
  tickSize?: string | undefined;
  lotSize?: string | undefined;
  minNotional?: number | undefined;
}

export interface CaptureMarket {
  venue: CaptureVenue;
  symbol: string;
  instrument: Instrument;
  overrides: InstrumentOverrides;
}

/**
 * The venue, symbol and instrument of a capture: the venue from the file's content (stream and
 * channel names; any file name will do), the symbol the only one in it or `--symbol`, the rules from
 * the venue's table or a saved rules file, with `--tick-size` / `--lot-size` / `--min-notional` over them.
 */
export async function captureMarket(file: string, flags: CaptureFlags): Promise<CaptureMarket> {
  const content = await inspectCapture(file);
  const venue = convertibleVenue(file, content);
  if (flags.venue !== undefined && flags.venue !== venue) {
    throw new InvalidInputError(
      `${file} holds ${venue} messages (${content.evidence}), not ${flags.venue}: drop --venue or give the right file`,
    );
  }
  let symbol = flags.symbol;
  if (symbol === undefined) {
    if (content.symbols.length === 1) symbol = content.symbols[0]!;
    else if (content.symbols.length === 0)
      throw new InvalidInputError(`${file}: no symbol found in its first ${content.linesRead} lines; give --symbol`);
    else throw new InvalidInputError(`${file} holds several symbols (${content.symbols.join(', ')}): choose one with --symbol`);
  }
  const overrides: InstrumentOverrides = {
    ...(flags.tickSize === undefined ? {} : { tickSize: flags.tickSize }),
    ...(flags.lotSize === undefined ? {} : { lotSize: flags.lotSize }),
    ...(flags.minNotional === undefined ? {} : { minNotional: flags.minNotional }),
  };
  return { venue, symbol, instrument: captureInstrument(venue, symbol, { capturePath: file, overrides }), overrides };
}
