import { MICROS_PER_MILLI, type Clock } from '@mm/core';

/** The OS clock in microseconds (millisecond resolution is all the venue's wire needs). */
export const systemClock: Clock = {
  now: () => Date.now() * MICROS_PER_MILLI,
};
