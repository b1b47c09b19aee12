/**
 * The soak's faults, drawn from a seed: the same seed gives the same kinds, sizes, holds and gaps,
 * so a failing soak can be run again exactly (only the market's timing differs).
 */
export const FAULT_KINDS = [
  'wsDrop',
  'httpErrorBurst',
  'delayAcks',
  'loseAcks',
  'partialReject',
  'rejectAll',
  'staleFeed',
  'duplicateFills',
  'reorderFills',
  'malformedMessages',
  'deadMansSwitch',
  'clockJump',
  'botKill',
  'venueRestart',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Relative frequency of each kind. A bot kill or venue restart costs seconds of start-up each, so
 * they are rarer; everything else is equally likely.
 */
const WEIGHTS: Record<FaultKind, number> = {
  wsDrop: 10,
  httpErrorBurst: 10,
  delayAcks: 8,
  loseAcks: 8,
  partialReject: 8,
  rejectAll: 6,
  staleFeed: 6,
  duplicateFills: 8,
  reorderFills: 8,
  malformedMessages: 8,
  deadMansSwitch: 6,
  clockJump: 6,
  botKill: 4,
  venueRestart: 3,
};

export interface PlannedFault {
  index: number;
  kind: FaultKind;
  /** How long the fault stays on before it is cleared (0: a one-shot). */
  holdMs: number;
  /** Kind-specific size: error count, ack delay (ms), rejection period, jump (ms), downtime (ms)... */
  size: number;
  /** For httpErrorBurst: the status answered. */
  status?: 429 | 500 | 502 | 503;
  /** Pause after recovery before the next fault. */
  gapMs: number;
}

/** mulberry32: a small, well-mixed 32-bit generator (seeded runs repeat exactly). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function planFaults(count: number, seed: number): PlannedFault[] {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const total = FAULT_KINDS.reduce((sum, kind) => sum + WEIGHTS[kind], 0);
  const pick = (): FaultKind => {
    let ticket = random() * total;
    for (const kind of FAULT_KINDS) {
      ticket -= WEIGHTS[kind];
      if (ticket < 0) return kind;
    }
    return FAULT_KINDS[FAULT_KINDS.length - 1]!;
  };
  const faults: PlannedFault[] = [];
  for (let index = 0; index < count; index += 1) {
    const kind = pick();
    const gapMs = between(300, 1_500);
    const fault = (holdMs: number, size: number): PlannedFault => ({ index, kind, holdMs, size, gapMs });
    switch (kind) {
      case 'wsDrop':
      case 'deadMansSwitch':
        faults.push(fault(0, 1));
        break;
      case 'httpErrorBurst': {
        const statuses = [429, 500, 502, 503] as const;
        faults.push({ ...fault(between(1_000, 3_000), between(2, 8)), status: statuses[between(0, 3)] });
        break;
      }
      case 'delayAcks':
        faults.push(fault(between(1_000, 4_000), between(300, 3_000)));
        break;
      case 'loseAcks':
        faults.push(fault(between(1_000, 3_000), between(1, 3)));
        break;
      case 'partialReject':
        faults.push(fault(between(1_000, 3_000), between(2, 3)));
        break;
      case 'rejectAll':
        faults.push(fault(between(1_000, 3_000), 1));
        break;
      case 'staleFeed':
        // Past the adapter's 5 s stale threshold, so the bot must pull its quotes and come back.
        faults.push(fault(between(6_000, 9_000), 1));
        break;
      case 'duplicateFills':
      case 'reorderFills':
        faults.push(fault(between(2_000, 5_000), between(1, 4)));
        break;
      case 'malformedMessages':
        faults.push(fault(0, between(1, 2)));
        break;
      case 'clockJump':
        faults.push(fault(0, between(1_000, 5_000)));
        break;
      case 'botKill':
        faults.push(fault(between(200, 2_000), 1));
        break;
      case 'venueRestart':
        faults.push(fault(0, between(500, 3_000)));
        break;
    }
  }
  return faults;
}
