/**
 * Turns SIGINT/SIGTERM deliveries into Ctrl-C presses. One press can arrive two or three times:
 * the terminal signals the whole foreground process group (the bot, pnpm, npx) and pnpm forwards
 * SIGINT to its child as well (then SIGTERM on its second press). Deliveries within `sameTouchMs`
 * of the first of a press count as that press.
 */
export type PressAction = 'stop' | 'report-pending' | 'force-exit' | 'ignore';

export class ShutdownPresses {
  private presses = 0;
  private lastPressMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly sameTouchMs = 750) {}

  /** What a signal delivered at `nowMs` asks for. */
  onSignal(nowMs: number): PressAction {
    if (nowMs - this.lastPressMs < this.sameTouchMs) return 'ignore';
    this.lastPressMs = nowMs;
    this.presses += 1;
    if (this.presses === 1) return 'stop';
    if (this.presses === 2) return 'report-pending';
    return 'force-exit';
  }
}

export interface StoppableBot {
  stop(reason: string): Promise<void>;
  stopPending(): string | undefined;
}

/**
 * First press: the confirmed shutdown. Second: what it still waits on. Third: exit now (orders
 * may be left on the venue; the next start reconciles them), code 130 as a shell would report.
 */
export function installShutdownSignals(
  bot: StoppableBot,
  say: (line: string) => void,
  exit: (code: number) => void,
  nowMs: () => number = Date.now,
): () => void {
  const presses = new ShutdownPresses();
  const handler = (signal: NodeJS.Signals) => {
    switch (presses.onSignal(nowMs())) {
      case 'stop':
        say(`${signal}: stopping — cancelling every quote and waiting for the venue to confirm (Ctrl-C again shows what is pending)`);
        void bot.stop(signal);
        return;
      case 'report-pending':
        say(
          `still stopping: ${bot.stopPending() ?? 'closing down'}. Ctrl-C once more exits at once (orders may stay on the venue until the next start reconciles them)`,
        );
        return;
      case 'force-exit':
        say(`exiting before the shutdown finished (${bot.stopPending() ?? 'closing down'}); the next start reconciles with the venue`);
        exit(130);
        return;
      case 'ignore':
        return;
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
