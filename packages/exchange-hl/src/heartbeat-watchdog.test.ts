import { describe, expect, it } from 'vitest';
import { HeartbeatWatchdog } from './heartbeat-watchdog.js';

describe('HeartbeatWatchdog', () => {
  it('fires once after a stall and re-arms on the next heartbeat', () => {
    const watchdog = new HeartbeatWatchdog(5_000_000);
    expect(watchdog.check(100_000_000)).toBeUndefined(); // never armed
    watchdog.heartbeat(100_000_000);
    expect(watchdog.check(104_000_000)).toBeUndefined();
    expect(watchdog.check(105_000_001)).toBe(5_000_001);
    expect(watchdog.check(110_000_000)).toBeUndefined();
    watchdog.heartbeat(111_000_000);
    expect(watchdog.check(117_000_000)).toBe(6_000_000);
  });
});
