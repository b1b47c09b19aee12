export { createReceiveClock, nanosToMillis, type ReceiveClock } from './receive-clock.js';
export { formatCaptureLine, oneLineFrame } from './capture-line.js';
export { GAP_MARKER_CHANNEL, gapMarkerFrame, type GapReason, type RecordedGap } from './gap-marker.js';
export { GzipMemberFile } from './gzip-member-file.js';
export { repairGzipFile, type GzipRepair } from './repair-gzip-file.js';
export {
  CAPTURE_MANIFEST_FORMAT,
  captureManifestSchema,
  manifestPathFor,
  readManifest,
  writeManifestAtomic,
  type CaptureManifest,
} from './capture-manifest.js';
export { captureFileName, periodStartMs, type RotatePeriod } from './rotation.js';
export { L2Recorder, l2RecorderOptionsSchema, type L2RecorderOptions, type L2RecorderSummary } from './l2-recorder.js';
