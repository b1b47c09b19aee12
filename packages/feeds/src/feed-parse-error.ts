import { MmError } from '@mm/core';

/** A venue message that does not have the shape or values its parser expects. */
export class FeedParseError extends MmError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { code: 'FEED_PARSE', context, cause });
  }
}

/** A capture file that cannot be read, or a line whose handler failed; names the file and line. */
export class CaptureReadError extends MmError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { code: 'CAPTURE_READ', context, cause });
  }
}
