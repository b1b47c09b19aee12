import { BatchBodyPool, openEventLog, readEventLogBatches, type EventLogMetadata } from '@mm/feeds';
import { MICROS_PER_SECOND, type Micros } from '@mm/core';
import type { ReplayBatch } from './replay-driver.js';

/** Gap left between the end of one pass over the data and the start of the next. */
const REPEAT_GAP_US = MICROS_PER_SECOND;

/**
 * Streams event logs in order, `repeat` times back to back: each pass is shifted in time to start
 * one second after the previous one ended, so a few minutes of real data make a long run (the
 * market repeats; say so wherever a figure comes from it). Files are reopened per pass, so memory
 * stays at one batch per file.
 */
export async function* eventLogBatches(paths: readonly string[], repeat = 1): AsyncGenerator<ReplayBatch> {
  const metadata = await readEventLogMetadata(paths);
  const passStart = Math.min(...metadata.map((entry) => entry.firstLocalTimeUs));
  const passEnd = Math.max(...metadata.map((entry) => entry.lastLocalTimeUs));
  let offsetUs: Micros = 0;
  const pool = new BatchBodyPool();
  for (let pass = 0; pass < repeat; pass += 1) {
    for (const path of paths) {
      for (const columns of readEventLogBatches(path, pool)) yield { columns, timeOffsetUs: offsetUs };
    }
    offsetUs += passEnd - passStart + REPEAT_GAP_US;
  }
}

/** Metadata of each log, for checks and reports. */
export async function readEventLogMetadata(paths: readonly string[]): Promise<EventLogMetadata[]> {
  const result: EventLogMetadata[] = [];
  for (const path of paths) {
    const reader = await openEventLog(path);
    result.push(reader.metadata);
    await reader.close();
  }
  return result;
}
