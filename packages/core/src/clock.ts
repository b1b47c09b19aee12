import { InvalidInputError } from './errors.js';

/**
 * Integer microseconds since the Unix epoch. Nanoseconds since 1970 do not fit a JS number
 * exactly; microseconds do (until the year 2255).
 */
export type Micros = number;

export const MICROS_PER_MILLI = 1_000;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

/**
 * The only source of time for strategy and engine code. A backtest clock moves when the replay
 * loop advances it; the live clock reads the OS. Pure code never reads ambient time.
 */
export interface Clock {
  now(): Micros;
}

/** A clock moved by hand: the replay driver's clock, and every test's. Never goes backwards. */
export class ManualClock implements Clock {
  private current: Micros;

  constructor(start: Micros = 0) {
    this.current = start;
  }

  now(): Micros {
    return this.current;
  }

  /** Moves to `time`; refuses to go backwards, which would break cooldowns and rate windows. */
  set(time: Micros): void {
    if (!Number.isFinite(time) || time < this.current) {
      throw new InvalidInputError(`ManualClock cannot move from ${this.current} back to ${time}`);
    }
    this.current = time;
  }

  advance(by: Micros): void {
    this.set(this.current + by);
  }
}

/** Start of the UTC day containing `time` (daily loss limits reset there). */
export function utcDayStart(time: Micros): Micros {
  return Math.floor(time / MICROS_PER_DAY) * MICROS_PER_DAY;
}

/** Parses the data's nanosecond timestamps (as text, e.g. "1723161256093218000") to microseconds, exactly. */
export function nanosTextToMicros(text: string): Micros {
  if (!/^\d{1,22}$/.test(text)) throw new InvalidInputError(`'${text}' is not a nanosecond timestamp`);
  return Number(BigInt(text) / 1000n);
}
