import { InvalidInputError, nanosTextToMicros, type Micros } from '@mm/core';

/**
 * A time in ISO-8601 (`2024-08-09T00:02:00Z`, UTC unless it says otherwise) or in the data's own
 * nanoseconds since the epoch (`1723161300000000000`), as integer microseconds.
 */
export function parseTime(text: string): Micros {
  const trimmed = text.trim();
  if (/^\d{16,22}$/.test(trimmed)) return nanosTextToMicros(trimmed);
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(trimmed);
  const millis = Date.parse(hasZone ? trimmed : `${trimmed}Z`);
  if (!/^\d{4}-\d\d-\d\d/.test(trimmed) || Number.isNaN(millis)) {
    throw new InvalidInputError(`'${text}' is neither an ISO-8601 time nor nanoseconds since 1970`);
  }
  const fraction = /\.(\d+)/.exec(trimmed)?.[1] ?? '';
  // Date keeps milliseconds; microseconds of the text are added back.
  const extraMicros = fraction.length > 3 ? Number(fraction.slice(3, 6).padEnd(3, '0')) : 0;
  return millis * 1000 + extraMicros;
}
