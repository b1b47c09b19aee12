import { TopOfBookReducer } from '@mm/feeds';
import type { ReplayBatch } from './replay-driver.js';

/**
 * The batches reduced to top of book as they stream (`TopOfBookReducer`): what a replay sees when
 * the data holds only best bid/offer and trades. One reducer across files and passes, so a book
 * joined across files stays known (a new pass's shift first flushes the last pass's pending top); each input batch is handed back as soon as it is reduced.
 */
export async function* topOfBookBatches(batches: AsyncIterable<ReplayBatch>): AsyncGenerator<ReplayBatch> {
  const reducer = new TopOfBookReducer();
  let offsetUs = 0;
  for await (const batch of batches) {
    if (batch.timeOffsetUs !== offsetUs) {
      // A new pass: the last pass's pending top goes out at its own times first.
      const pending = reducer.end();
      if (pending.length > 0) yield { columns: pending, timeOffsetUs: offsetUs };
    }
    const reduced = reducer.push(batch.columns);
    batch.columns.release?.();
    offsetUs = batch.timeOffsetUs;
    if (reduced.length > 0) yield { columns: reduced, timeOffsetUs: offsetUs };
  }
  const rest = reducer.end();
  if (rest.length > 0) yield { columns: rest, timeOffsetUs: offsetUs };
}
