import { InvalidInputError } from '@mm/core';

/**
 * One capture line, exactly as in ../shared/data: `<local receive ns> <raw frame>\n`. A frame with
 * a raw line break would split the line, so it is refused (venues send compact JSON).
 */
export function formatCaptureLine(localNanos: bigint, payload: string): string {
  if (localNanos < 0n) throw new InvalidInputError('capture line time must be non-negative', { localNanos: String(localNanos) });
  if (payload.includes('\n') || payload.includes('\r')) {
    throw new InvalidInputError('capture frame contains a line break', { excerpt: payload.slice(0, 80) });
  }
  return `${localNanos} ${payload}\n`;
}

/** Raw frame text safe for one line: compact frames as they are, others re-serialized compactly. */
export function oneLineFrame(raw: string, parsed: unknown): string {
  return raw.includes('\n') || raw.includes('\r') ? JSON.stringify(parsed) : raw;
}
