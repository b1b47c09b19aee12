// Errors
export { CaptureReadError, FeedParseError } from './feed-parse-error.js';
export { EventLogFormatError } from './event-log/event-log-file.js';

// Recorded captures: lines, instruments, parsers and the events they produce
export {
  forEachCaptureFrame,
  forEachCaptureLine,
  nanosBytesToMicros,
  readCaptureLines,
  type CaptureFrameHandler,
  type CaptureLine,
  type CaptureLineHandler,
  type CaptureReadOptions,
  type CaptureReadSummary,
} from './capture-line-reader.js';
export {
  BINANCE_USDM_BTCUSDT,
  captureInstrument,
  HYPERLIQUID_BTC,
  specOf,
  UnknownInstrumentError,
  venueRulesPath,
  type CaptureVenue,
  type InstrumentOverrides,
} from './capture-instruments.js';
export {
  convertibleVenue,
  inspectCapture,
  UnknownCaptureFormatError,
  type CaptureContent,
  type RecognisedCaptureVenue,
} from './capture-format.js';
export { BinanceUsdmParser, type BinanceUsdmMessageKind } from './binance-usdm-parser.js';
export { HyperliquidParser, type GapAwareVisitor, type HyperliquidMessageKind } from './hyperliquid-parser.js';
export type { MarketDataParser, MarketDataVisitor } from './market-data-visitor.js';
// The parsers' reused output buffers (read them inside the callback; they are overwritten next frame).
export type { BookUpdateScratch } from './book-update-scratch.js';
export type { TradeScratch } from './trade-scratch.js';
export type { BookTickerScratch } from './book-ticker-scratch.js';
export type {
  BinanceDepthSnapshotEvent,
  BinanceDepthUpdateEvent,
  BookGapEvent,
  BookTickerEvent,
  FeedEvent,
  IdentifiedTradeEvent,
} from './feed-events.js';

// Books rebuilt from captures, and whole-capture replay
export { BinanceBookRebuilder, type BinanceBookRebuilderOptions, type BinanceRebuildStats } from './binance-book-rebuilder.js';
export {
  rebuildBinanceUsdmBook,
  rebuildHyperliquidBook,
  type BinanceUsdmBookRebuild,
  type HyperliquidBookRebuild,
  type RebuildBinanceUsdmBookOptions,
  type RebuildHyperliquidBookOptions,
} from './rebuild-book.js';
export { readCaptureEvents, replayCapture, type ReplayOptions, type ReplaySummary } from './replay-capture.js';

// The columnar event log (Apache Arrow IPC)
export {
  eventFlags,
  EventKind,
  EXCHANGE_EVENT,
  kindOf,
  LOCAL_EVENT,
  type EventColumns,
  type EventKindCode,
} from './event-log/event-row.js';
export { EventBuffer } from './event-log/event-buffer.js';
export {
  EVENT_LOG_FORMAT,
  EVENT_LOG_VERSION,
  openEventLog,
  writeEventLog,
  type EventLogMetadata,
  type EventLogReader,
} from './event-log/event-log-file.js';
export {
  convertCapture,
  convertCaptureOptionsSchema,
  type ConversionCounts,
  type ConvertCaptureOptions,
  type ConvertCaptureResult,
} from './event-log/convert-capture.js';
export { DataQualityLog, type DataQualityEvent } from './event-log/data-quality.js';
export { topOfBookRows, TopOfBookReducer } from './event-log/top-of-book.js';

// Other formats in (Tardis.dev CSV, hftbacktest .npz, Hyperliquid archive) and out, and format detection
export { DATA_FORMATS, detectDataFormat, UnknownDataFormatError, type DataFormat, type DetectedFormat } from './import/data-format.js';
export {
  importTardis,
  importTardisOptionsSchema,
  tardisDataType,
  TardisFormatError,
  type ImportTardisOptions,
  type ImportTardisResult,
  type TardisDataType,
} from './import/tardis-csv.js';
export { exportCaptureToTardis, type TardisExport } from './import/capture-to-tardis.js';
export {
  exportEventLogToHftbacktest,
  importHftbacktestNpz,
  importHftbacktestOptionsSchema,
  NpzFormatError,
  type ImportHftbacktestOptions,
} from './import/hftbacktest-npz.js';
export {
  archiveTimeUs,
  HyperliquidArchiveFormatError,
  importHyperliquidArchive,
  importHyperliquidArchiveOptionsSchema,
  type HyperliquidArchiveKind,
  type ImportHyperliquidArchiveOptions,
  type ImportHyperliquidArchiveResult,
} from './import/hyperliquid-archive.js';
export {
  BINANCE_AGG_TRADES_HEADER,
  BINANCE_KLINES_HEADER,
  BinancePublicFormatError,
  binancePublicKind,
  importBinanceAggTrades,
  importBinanceAggTradesOptionsSchema,
  readBinanceKlines,
  type BarSeries,
  type BinancePublicKind,
  type ImportBinanceAggTradesOptions,
} from './import/binance-public.js';
export { exportCaptureToBinancePublic, type BinancePublicExport } from './import/capture-to-binance-public.js';
export { exportCaptureToHyperliquidArchive, type HyperliquidArchiveExport } from './import/capture-to-hl-archive.js';

// Funding rates
export { FundingSeriesError, readFundingSeries, type FundingSeries, type ReadFundingSeriesOptions } from './funding/funding-series.js';
export { BatchBodyPool, readEventLogBatches } from './event-log/read-event-log-batches.js';
