import type { Micros } from '@mm/core';

/** Where the simulated exchange puts things that happen later (an order arriving, an ack returning). */
export interface Scheduler {
  now(): Micros;
  schedule(atUs: Micros, action: () => void): void;
}
