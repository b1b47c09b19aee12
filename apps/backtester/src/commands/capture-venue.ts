import path from 'node:path';
import { InvalidInputError, type Instrument } from '@mm/core';
import { BINANCE_USDM_BTCUSDT, HYPERLIQUID_BTC } from '@mm/feeds';

export type CaptureVenue = 'binance-usdm' | 'hyperliquid';

/** The venue of a capture file: from `--venue`, else from the file's folder (as laid out in ../shared/data). */
export function captureVenue(file: string, given?: CaptureVenue): CaptureVenue {
  if (given !== undefined) return given;
  const parts = path.resolve(file).split(path.sep);
  if (parts.includes('hyperliquid')) return 'hyperliquid';
  if (parts.includes('binance-usdm')) return 'binance-usdm';
  throw new InvalidInputError(`cannot tell the venue of ${file} from its folder: pass --venue hyperliquid or --venue binance-usdm`);
}

/** The instrument the recorded captures hold (BTC on both venues). */
export function captureInstrument(venue: CaptureVenue): Instrument {
  return venue === 'hyperliquid' ? HYPERLIQUID_BTC : BINANCE_USDM_BTCUSDT;
}
