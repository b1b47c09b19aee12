import { describe, expect, it } from 'vitest';
import { installShutdownSignals, ShutdownPresses } from './shutdown-signals.js';

describe('ShutdownPresses', () => {
  it('counts the copies of one Ctrl-C (terminal group signal, pnpm forwarding) as one press', () => {
    const presses = new ShutdownPresses(750);
    expect(presses.onSignal(10_000)).toBe('stop');
    expect(presses.onSignal(10_002)).toBe('ignore');
    expect(presses.onSignal(10_400)).toBe('ignore');
  });

  it('a second press reports what is pending, a third exits', () => {
    const presses = new ShutdownPresses(750);
    expect(presses.onSignal(0)).toBe('stop');
    expect(presses.onSignal(2_000)).toBe('report-pending');
    expect(presses.onSignal(2_001)).toBe('ignore');
    expect(presses.onSignal(5_000)).toBe('force-exit');
  });
});

describe('installShutdownSignals', () => {
  it('stops once, then says what is pending, then exits with 130', () => {
    let nowMs = 0;
    const reasons: string[] = [];
    const lines: string[] = [];
    const exits: number[] = [];
    const bot = {
      stop: (reason: string) => {
        reasons.push(reason);
        return new Promise<void>(() => {});
      },
      stopPending: () => 'cancel-all sent; waiting for the venue to confirm',
    };
    const uninstall = installShutdownSignals(
      bot,
      (line) => lines.push(line),
      (code) => exits.push(code),
      () => nowMs,
    );
    try {
      process.emit('SIGINT', 'SIGINT');
      process.emit('SIGTERM', 'SIGTERM'); // pnpm's copy of the same press
      expect(reasons).toEqual(['SIGINT']);
      nowMs = 3_000;
      process.emit('SIGINT', 'SIGINT');
      expect(lines.at(-1)).toContain('still stopping: cancel-all sent; waiting for the venue to confirm');
      expect(exits).toEqual([]);
      nowMs = 6_000;
      process.emit('SIGINT', 'SIGINT');
      expect(exits).toEqual([130]);
      expect(reasons).toEqual(['SIGINT']);
    } finally {
      uninstall();
    }
  });
});
