/** The part of a stream progress needs (process.stderr, or a test's). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** What is happening now, e.g. `3 of 14 packages built` or `41%`. */
  update(detail: string): void;
  /** Clears the line and prints `text` (kept in the terminal's scrollback) when given. */
  done(text?: string): void;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  /** Redraws at most this often (a terminal flooded with redraws slows the work down). */
  minIntervalMs?: number;
  /** Elapsed time is redrawn this often even without updates, so a long step visibly lives. */
  tickMs?: number;
  now?: () => number;
}

/**
 * One self-rewriting status line on stderr, `label: detail (12 s)`, for a step that takes a while.
 * Quiet when stderr is not a terminal (a pipe, CI, a log file): no line, no carriage returns.
 */
export function startProgress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY !== true) return { update: () => undefined, done: () => undefined };
  const now = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 100;
  const started = now();
  let detail = '';
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let finished = false;
  const draw = () => {
    lastDrawn = now();
    const seconds = Math.floor((lastDrawn - started) / 1000);
    stream.write(`\r\x1b[K${label}${detail === '' ? '' : `: ${detail}`} (${seconds} s)`);
  };
  draw();
  const ticker = setInterval(draw, options.tickMs ?? 1000);
  // The ticker never keeps a finished process alive.
  ticker.unref();
  return {
    update(next) {
      if (finished) return;
      detail = next;
      if (now() - lastDrawn >= minIntervalMs) draw();
    },
    done(text) {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      stream.write(`\r\x1b[K${text === undefined ? '' : `${text}\n`}`);
    },
  };
}
