import { DELIVERY_MASK, EXCHANGE_EVENT, LOCAL_EVENT, type EventColumns } from './event-row.js';
import { EventBuffer } from './event-buffer.js';

/**
 * Reorders events so both timelines are sorted: rows carrying EXCHANGE_EVENT by venue time, rows
 * carrying LOCAL_EVENT by receive time. Input rows are in receive order with both bits set. Where the
 * two orders agree an event stays one row; where they disagree it is split into an exchange-only and
 * a local-only row. Rows are merged by venue time (hftbacktest's `correct_event_order` does the
 * same), so only events that arrived out of venue order are split and the two timelines stay close
 * in the file: the replay reads it with one cursor per timeline.
 */
export function correctEventOrder(input: EventColumns): EventBuffer {
  const count = input.length;
  const byExchange = stableOrder(count, input.exchTimeUs);
  const byLocal = stableOrder(count, input.localTimeUs);
  const exchangeDone = new Uint8Array(count);
  const localDone = new Uint8Array(count);
  const output = new EventBuffer();
  let exchangeCursor = 0;
  let localCursor = 0;
  const emit = (row: number, delivery: number) =>
    output.push(
      (input.flags[row]! & ~DELIVERY_MASK) | delivery,
      input.exchTimeUs[row]!,
      input.localTimeUs[row]!,
      input.priceTicks[row]!,
      input.sizeLots[row]!,
    );
  for (;;) {
    while (exchangeCursor < count && exchangeDone[byExchange[exchangeCursor]!] === 1) exchangeCursor += 1;
    while (localCursor < count && localDone[byLocal[localCursor]!] === 1) localCursor += 1;
    if (exchangeCursor === count && localCursor === count) break;
    const exchangeRow = exchangeCursor < count ? byExchange[exchangeCursor]! : -1;
    const localRow = localCursor < count ? byLocal[localCursor]! : -1;
    if (exchangeRow === localRow) {
      emit(exchangeRow, EXCHANGE_EVENT | LOCAL_EVENT);
      exchangeDone[exchangeRow] = 1;
      localDone[exchangeRow] = 1;
    } else if (localRow === -1 || (exchangeRow !== -1 && input.exchTimeUs[exchangeRow]! <= input.exchTimeUs[localRow]!)) {
      emit(exchangeRow, EXCHANGE_EVENT);
      exchangeDone[exchangeRow] = 1;
    } else {
      emit(localRow, LOCAL_EVENT);
      localDone[localRow] = 1;
    }
  }
  return output;
}

/** Row indices sorted by `keys`, ties kept in row order. */
function stableOrder(count: number, keys: Float64Array): Uint32Array {
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) order[index] = index;
  // Typed-array sort is not guaranteed stable with a comparator; break ties by index explicitly.
  return order.sort((a, b) => keys[a]! - keys[b]! || a - b);
}
