import { existsSync } from 'node:fs';
import path from 'node:path';

/** The shared recorded captures: `<repo root>/../shared/data`, never copied into the repo. */
export const CAPTURE_DIR = path.resolve(import.meta.dirname, '../../../../shared/data');

export function capturePath(relative: string): string {
  const file = path.join(CAPTURE_DIR, relative);
  if (!existsSync(file)) {
    throw new Error(`capture ${file} is missing: the tests read the shared data from ${CAPTURE_DIR}`);
  }
  return file;
}

export const BINANCE_0808 = 'binance-usdm/btcusdt_20240808.gz';
export const BINANCE_0718 = 'binance-usdm/btcusdt_20240718.gz';
export const BINANCE_0719 = 'binance-usdm/btcusdt_20240719.gz';
export const HYPERLIQUID_0126 = 'hyperliquid/btcusd_20250126.gz';
export const BINANCE_ETH_0808 = 'binance-usdm/ethusdt_20240808.gz';
export const BINANCE_COINM_0808 = 'binance-coinm/btcusd_perp_20240808.gz';
export const BINANCE_SPOT_0808 = 'binance-spot/btcusdt_20240808.gz';
