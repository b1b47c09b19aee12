import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Field, Float64, makeData, RecordBatch, RecordBatchReader, RecordBatchStreamWriter, Schema, Struct, Uint8 } from 'apache-arrow';
import { z } from 'zod';
import { MmError, type InstrumentSpec } from '@mm/core';
import type { EventColumns } from './event-row.js';

/**
 * The columnar event log is an Apache Arrow IPC stream (readable by pyarrow, DuckDB, polars...):
 * five non-null columns and the metadata below under the schema key `mm.event-log`.
 *
 * The two clocks. Every row carries two times:
 * - `exchTimeUs`, the **venue's clock**: when the matching engine applied the event (Binance `T`,
 *   the transaction time, where the message has it, else `E`; Hyperliquid `time`). The simulated
 *   exchange replays rows at this time.
 * - `localTimeUs`, the **receive clock**: when our recorder read the message, moved onto the venue's
 *   clock by `localClockShiftUs` (metadata) so that the smallest receive delay `local - venue` is
 *   exactly 0 and no row is received before the venue sent it. The strategy sees rows at this time.
 * Recorded receive clocks are not the venue's: the 2024 Binance captures' runs ~1.3 s behind it (a
 * delay of -1.27 s would let the strategy see a book change before the exchange applies it), the
 * Hyperliquid capture's ~49 s ahead (the strategy would trade on a 49-second-old book). Either is
 * clock error, not latency; the shift removes it without inventing latency, and the latency
 * models add the order path's own.
 *
 * Version 2 (this one): the shift above, on the receive clock. Version 1 added the correction to the
 * venue times with the wrong sign (doubling the error); its files refuse to load.
 */
export const EVENT_LOG_FORMAT = 'mm-event-log';
export const EVENT_LOG_VERSION = 2;
const METADATA_KEY = 'mm.event-log';
const ROWS_PER_BATCH = 65_536;

export const eventLogMetadataSchema = z.object({
  format: z.literal(EVENT_LOG_FORMAT),
  version: z.literal(EVENT_LOG_VERSION),
  instrument: z.object({
    symbol: z.string(),
    venue: z.string(),
    tickSize: z.string(),
    lotSize: z.string(),
    minNotional: z.number(),
    maxSignificantFigures: z.number().optional(),
  }),
  /** Raw capture(s) the log was made from. */
  sources: z.array(z.string()),
  /** What each time column runs on (see the file's doc comment); stated so a reader need not guess. */
  clocks: z.object({
    exchTimeUs: z.literal('venue'),
    localTimeUs: z.literal('receive, shifted onto the venue clock'),
  }),
  /**
   * Added to every recorded receive time so the smallest `local - venue` is exactly 0: positive when
   * the recorder's clock ran behind the venue's, negative when it ran ahead.
   */
  localClockShiftUs: z.number(),
  /** The smallest and largest `local - venue` after the shift (the first is 0 by construction). */
  receiveDelayUs: z.object({ min: z.number(), max: z.number() }),
  counts: z.object({
    /** Events as the peer counts rows: level changes + trades + snapshot levels. */
    events: z.number(),
    depthLevelChanges: z.number(),
    snapshotLevels: z.number(),
    trades: z.number(),
    gaps: z.number(),
    /** Rows in the file (events split by the order correction count twice). */
    rows: z.number(),
  }),
  firstLocalTimeUs: z.number(),
  lastLocalTimeUs: z.number(),
  /**
   * What the importer found wrong with the source, in source order (a clock running backwards,
   * rows it could not use); the replay adds what it finds in the rows (see `@mm/backtest`).
   */
  dataQuality: z.array(z.object({ kind: z.string(), localTimeUs: z.number(), count: z.number(), detail: z.string() })).optional(),
});

export type EventLogMetadata = z.infer<typeof eventLogMetadataSchema> & { instrument: InstrumentSpec };

const FIELDS = [
  new Field('flags', new Uint8(), false),
  new Field('exchTimeUs', new Float64(), false),
  new Field('localTimeUs', new Float64(), false),
  new Field('priceTicks', new Float64(), false),
  new Field('sizeLots', new Float64(), false),
];

export class EventLogFormatError extends MmError {
  constructor(path: string, problem: string, cause?: unknown) {
    super(`${path} is not a readable event log: ${problem}`, { code: 'EVENT_LOG_FORMAT', context: { path }, cause });
  }
}

/** Writes columns (already in replay order) and metadata to `path`. */
export async function writeEventLog(path: string, columns: EventColumns, metadata: EventLogMetadata): Promise<void> {
  const schema = new Schema(FIELDS, new Map([[METADATA_KEY, JSON.stringify(metadata)]]));
  const writer = new RecordBatchStreamWriter();
  const output = createWriteStream(path);
  writer.toNodeStream().pipe(output);
  writer.reset(undefined, schema);
  for (let start = 0; start < columns.length; start += ROWS_PER_BATCH) {
    const end = Math.min(start + ROWS_PER_BATCH, columns.length);
    const length = end - start;
    const children = [
      makeData({ type: new Uint8(), length, nullCount: 0, data: columns.flags.slice(start, end) }),
      makeData({ type: new Float64(), length, nullCount: 0, data: columns.exchTimeUs.slice(start, end) }),
      makeData({ type: new Float64(), length, nullCount: 0, data: columns.localTimeUs.slice(start, end) }),
      makeData({ type: new Float64(), length, nullCount: 0, data: columns.priceTicks.slice(start, end) }),
      makeData({ type: new Float64(), length, nullCount: 0, data: columns.sizeLots.slice(start, end) }),
    ];
    writer.write(new RecordBatch(schema, makeData({ type: new Struct(FIELDS), length, nullCount: 0, children })));
  }
  writer.finish();
  await finished(output);
}

export interface EventLogReader {
  metadata: EventLogMetadata;
  /** Batches of rows; memory stays flat however long the file (one batch, ~2 MB, at a time). */
  batches(): AsyncIterableIterator<EventColumns>;
  /** Releases the file without reading the rest. */
  close(): Promise<void>;
}

/** Opens an event log for streaming. */
export async function openEventLog(path: string): Promise<EventLogReader> {
  let reader: RecordBatchReader;
  try {
    reader = await RecordBatchReader.from(createReadStream(path, { highWaterMark: 1 << 20 }));
    await reader.open();
  } catch (error) {
    throw new EventLogFormatError(path, 'not an Arrow IPC stream', error);
  }
  const raw = reader.schema.metadata.get(METADATA_KEY);
  if (raw === undefined) throw new EventLogFormatError(path, `no '${METADATA_KEY}' schema metadata`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new EventLogFormatError(path, `its '${METADATA_KEY}' metadata is not JSON`, error);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== EVENT_LOG_VERSION) {
    throw new EventLogFormatError(
      path,
      `it was written by event-log version ${version}, this code reads version ${EVENT_LOG_VERSION}` +
        (version < EVENT_LOG_VERSION
          ? ' (version 1 shifted the venue clock the wrong way): re-convert it from its capture with `convert`'
          : ': update this code'),
    );
  }
  const parsed = eventLogMetadataSchema.safeParse(json);
  if (!parsed.success) throw new EventLogFormatError(path, `bad metadata: ${parsed.error.message}`);
  for (const field of FIELDS) {
    if (reader.schema.fields.find((candidate) => candidate.name === field.name) === undefined) {
      throw new EventLogFormatError(path, `missing column '${field.name}'`);
    }
  }
  const metadata = parsed.data as EventLogMetadata;
  async function* batches(): AsyncIterableIterator<EventColumns> {
    for await (const batch of reader) {
      yield {
        length: batch.numRows,
        flags: batch.getChild('flags')!.data[0]!.values as Uint8Array,
        exchTimeUs: batch.getChild('exchTimeUs')!.data[0]!.values as Float64Array,
        localTimeUs: batch.getChild('localTimeUs')!.data[0]!.values as Float64Array,
        priceTicks: batch.getChild('priceTicks')!.data[0]!.values as Float64Array,
        sizeLots: batch.getChild('sizeLots')!.data[0]!.values as Float64Array,
      };
    }
  }
  return {
    metadata,
    batches,
    close: async () => {
      await reader.cancel();
    },
  };
}
