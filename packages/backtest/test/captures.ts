import { existsSync } from 'node:fs';
import path from 'node:path';

/** The shared recorded captures: `<repo root>/../shared/data`, never copied into the repo. */
export const CAPTURE_DIR = path.resolve(import.meta.dirname, '../../../../shared/data');

export function capturePath(relative: string): string {
  const file = path.join(CAPTURE_DIR, relative);
  if (!existsSync(file)) throw new Error(`capture ${file} is missing: the tests read the shared data from ${CAPTURE_DIR}`);
  return file;
}
