import { InvalidInputError, type Micros } from '@mm/core';

/**
 * How long our orders take to reach the venue, and its answers to come back.
 * `entryLatencyUs(t)`: from our send at local time t to the matching engine seeing the order.
 * `responseLatencyUs(t)`: from the matching engine's answer to our receipt of it.
 */
export interface LatencyModel {
  entryLatencyUs(localTimeUs: Micros): Micros;
  responseLatencyUs(venueTimeUs: Micros): Micros;
}

/** Assumption: latency never varies. Good for sensitivity sweeps; optimistic for busy markets. */
export class ConstantLatency implements LatencyModel {
  constructor(
    readonly entryUs: Micros,
    readonly responseUs: Micros,
  ) {
    if (!(entryUs >= 0) || !(responseUs >= 0)) {
      throw new InvalidInputError(`latencies must be >= 0 µs, got entry ${entryUs}, response ${responseUs}`);
    }
  }

  entryLatencyUs(_localTimeUs?: Micros): Micros {
    return this.entryUs;
  }

  responseLatencyUs(_venueTimeUs?: Micros): Micros {
    return this.responseUs;
  }
}

/** One recorded order round trip: when we sent it, and how long each leg took. */
export interface LatencySample {
  localTimeUs: Micros;
  entryUs: Micros;
  responseUs: Micros;
}

/**
 * Assumption: latency at time t is the linear interpolation of the recorded round trips around t
 * (the live bot logs every round trip), held flat before the first and after the last sample.
 * This is what hftbacktest's `IntpOrderLatency` does; it carries congestion in the data into the test.
 */
export class InterpolatedLatency implements LatencyModel {
  private readonly times: Float64Array;
  private readonly entries: Float64Array;
  private readonly responses: Float64Array;
  private cursor = 0;

  constructor(samples: readonly LatencySample[]) {
    if (samples.length === 0) throw new InvalidInputError('InterpolatedLatency needs at least one sample');
    const sorted = [...samples].sort((a, b) => a.localTimeUs - b.localTimeUs);
    this.times = Float64Array.from(sorted, (sample) => sample.localTimeUs);
    this.entries = Float64Array.from(sorted, (sample) => sample.entryUs);
    this.responses = Float64Array.from(sorted, (sample) => sample.responseUs);
    for (const sample of sorted) {
      if (!(sample.entryUs >= 0) || !(sample.responseUs >= 0)) {
        throw new InvalidInputError(`latency sample at ${sample.localTimeUs} has a negative or missing leg`);
      }
    }
  }

  entryLatencyUs(localTimeUs: Micros): Micros {
    return this.interpolate(localTimeUs, this.entries);
  }

  responseLatencyUs(venueTimeUs: Micros): Micros {
    return this.interpolate(venueTimeUs, this.responses);
  }

  private interpolate(time: Micros, values: Float64Array): Micros {
    const times = this.times;
    const last = times.length - 1;
    if (time <= times[0]!) return values[0]!;
    if (time >= times[last]!) return values[last]!;
    // Replays ask in (almost) increasing time: walk from the last position instead of bisecting.
    let index = this.cursor;
    if (times[index]! > time) index = 0;
    while (times[index + 1]! <= time) index += 1;
    this.cursor = index;
    const t0 = times[index]!;
    const t1 = times[index + 1]!;
    const weight = (time - t0) / (t1 - t0);
    return Math.round(values[index]! + (values[index + 1]! - values[index]!) * weight);
  }
}
