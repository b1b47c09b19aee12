import type { ExecutionVenue, Instrument, Side } from '@mm/core';

/**
 * What the conformance suite needs from one venue under test. The suite drives everything else
 * through the venue's own execution interface, exactly as the engine does.
 */
export interface ConformanceHarness {
  readonly name: string;
  readonly instrument: Instrument;
  readonly venue: ExecutionVenue;
  /** Lets time pass so that commands in flight and the venue's answers arrive. */
  settle(): Promise<void>;
  /** The venue's current best bid and ask, in ticks. */
  bestBidAsk(): Promise<{ bidTicks: number; askTicks: number }>;
  /**
   * Makes the market trade through `priceTicks` with an aggressor on `aggressorSide`, for enough size
   * that a resting order of ours at that price is filled (for a loopback venue: its control endpoint).
   */
  tradeThrough(aggressorSide: Side, priceTicks: number, sizeLots: number): Promise<void>;
  /** Drops the venue connection and lets the adapter reconnect; absent when there is no connection. */
  reconnect?(): Promise<void>;
  close(): Promise<void>;
}

export type HarnessFactory = () => Promise<ConformanceHarness>;
