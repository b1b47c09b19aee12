import type { Journal, JournaledEvent } from './journal.js';

/** One order round trip, in the shape of the backtester's `latencySamples` config. */
export interface LatencySampleRow {
  /** When the command left, local clock. */
  localTimeUs: number;
  /** Local send to the venue's timestamp of the answer. */
  entryUs: number;
  /** The venue's timestamp to our local receipt. */
  responseUs: number;
}

/** The events that answer each command, first one wins. */
const ANSWERS: Record<string, ReadonlySet<JournaledEvent['type']>> = {
  'place-order': new Set(['order-accepted', 'order-rejected', 'order-filled']),
  'modify-order': new Set(['order-modified', 'command-rejected']),
  'cancel-order': new Set(['order-canceled', 'command-rejected']),
};

/**
 * The journal's order round trips (a place, modify or cancel and the first event that answers
 * it) as latency samples for the backtester's 'recorded' latency model.
 *
 * Assumptions. Hyperliquid stamps in milliseconds and its clock is not ours, so a leg can come out
 * slightly negative: legs are clamped at 0 and the other leg takes the whole round trip. An answer
 * the adapter took from the post response carries no venue time (it is stamped with the local
 * receive time, venue time = local time): the round trip is split in half, as symmetric paths
 * would. Commands never answered (cancel-all, a kill mid-flight) give no sample.
 */
export function exportLatencySamples(journal: Journal, sessionId?: number): LatencySampleRow[] {
  const answersByOrder = new Map<string, JournaledEvent[]>();
  for (const event of journal.events(sessionId)) {
    if (event.clientOrderId === null) continue;
    const list = answersByOrder.get(event.clientOrderId);
    if (list === undefined) answersByOrder.set(event.clientOrderId, [event]);
    else list.push(event);
  }
  const samples: LatencySampleRow[] = [];
  const used = new Set<number>();
  for (const command of journal.commands(sessionId)) {
    const kinds = ANSWERS[command.type];
    if (kinds === undefined || command.clientOrderId === null) continue;
    const answer = answersByOrder
      .get(command.clientOrderId)
      ?.find((event) => !used.has(event.id) && kinds.has(event.type) && event.localTimeUs >= command.sentLocalUs);
    if (answer === undefined) continue;
    used.add(answer.id);
    const roundTripUs = answer.localTimeUs - command.sentLocalUs;
    let entryUs: number;
    let responseUs: number;
    if (answer.venueTimeUs === answer.localTimeUs) {
      entryUs = Math.round(roundTripUs / 2);
      responseUs = roundTripUs - entryUs;
    } else {
      entryUs = Math.min(roundTripUs, Math.max(0, answer.venueTimeUs - command.sentLocalUs));
      responseUs = roundTripUs - entryUs;
    }
    samples.push({ localTimeUs: command.sentLocalUs, entryUs, responseUs });
  }
  return samples.sort((left, right) => left.localTimeUs - right.localTimeUs);
}
