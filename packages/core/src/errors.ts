/**
 * One error tree for the whole system. Every error has a short message, a stable `code`,
 * context fields for logs, an optional `cause`, and says whether retrying can help.
 * Expected outcomes (a risk denial, the end of data) are values, not errors.
 */
export class MmError extends Error {
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly isRetryable: boolean;

  constructor(
    message: string,
    options: {
      code: string;
      context?: Record<string, unknown>;
      cause?: unknown;
      isRetryable?: boolean;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.context = Object.freeze({ ...(options.context ?? {}) });
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** One invalid configuration field: where it is, what is wrong, what is allowed. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `levels.2.sizeShare` or `BTC_BASE_SPREAD_BPS`. */
  field: string;
  problem: string;
}

/** Bad configuration: names every offending field, never a stack trace for the user to decode. */
export class ConfigError extends MmError {
  readonly issues: readonly ConfigIssue[];

  constructor(what: string, issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.field}: ${issue.problem}`).join('\n');
    super(`Invalid ${what}:\n${lines}`, { code: 'CONFIG_INVALID', context: { what, issues } });
    this.issues = Object.freeze([...issues]);
  }
}

/** Input that breaks a documented precondition (a NaN price, a negative size). */
export class InvalidInputError extends MmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { code: 'INPUT_INVALID', context });
  }
}

/** A price or size that cannot be represented on the instrument's tick/lot grid. */
export class PriceRuleError extends MmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { code: 'PRICE_RULE', context });
  }
}

/** A venue answered with an error or not at all; retryable unless the venue said otherwise. */
export class VenueError extends MmError {
  constructor(message: string, options: { venue: string; context?: Record<string, unknown>; cause?: unknown; isRetryable?: boolean }) {
    super(message, {
      code: 'VENUE',
      context: { venue: options.venue, ...(options.context ?? {}) },
      cause: options.cause,
      isRetryable: options.isRetryable ?? true,
    });
  }
}

/** A port this process must listen on is held by another process (often another copy of it). */
export class PortInUseError extends MmError {
  readonly port: number;
  /** The setting that chooses the port: an env key like `MM_MONITOR_PORT` or a flag like `--port`. */
  readonly setting: string;

  constructor(port: number, host: string, setting: string, cause?: unknown) {
    super(`port ${port} on ${host} is already in use (is another copy running?): set ${setting} to a free port, or to 0 for any free one`, {
      code: 'PORT_IN_USE',
      context: { port, host, setting },
      cause,
    });
    this.port = port;
    this.setting = setting;
  }
}

/**
 * What a server's listen() failure means to the user: a taken port becomes a PortInUseError naming
 * the setting to change; anything else is returned as it came. Reads Node's error fields by shape, so
 * it stays free of Node's types.
 */
export function explainListenError(error: unknown, setting: string): unknown {
  const fields = error as { code?: unknown; port?: unknown; address?: unknown } | null;
  if (fields === null || typeof fields !== 'object' || fields.code !== 'EADDRINUSE') return error;
  const port = typeof fields.port === 'number' ? fields.port : Number.NaN;
  const host = typeof fields.address === 'string' ? fields.address : 'this host';
  return new PortInUseError(port, host, setting, error);
}
