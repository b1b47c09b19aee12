import { existsSync } from 'node:fs';
import path from 'node:path';

/** The shared recorded data and signing vectors: `<repo root>/../shared`, never copied into the repo. */
export const SHARED_DIR = path.resolve(import.meta.dirname, '../../../../shared');

export function sharedFile(relative: string): string {
  const file = path.join(SHARED_DIR, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: the tests read shared data from ${SHARED_DIR}`);
  return file;
}

export const HYPERLIQUID_CAPTURE = 'data/hyperliquid/btcusd_20250126.gz';
export const HYPERLIQUID_DERIVED_VECTORS = 'vectors/hyperliquid-derived.json';
