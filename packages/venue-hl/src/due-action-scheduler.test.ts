import { describe, expect, it } from 'vitest';
import { DueActionScheduler } from './due-action-scheduler.js';

describe('DueActionScheduler', () => {
  it('runs due actions in time then insertion order, including ones they schedule, never going back', () => {
    const scheduler = new DueActionScheduler(1_000);
    const ran: string[] = [];
    scheduler.schedule(1_500, () => ran.push('later'));
    scheduler.schedule(1_000, () => {
      ran.push('a');
      scheduler.schedule(1_000, () => ran.push('chained'));
    });
    scheduler.schedule(1_000, () => ran.push('b'));
    expect(scheduler.runDue()).toBe(3);
    expect(ran).toEqual(['a', 'b', 'chained']);
    scheduler.moveTo(900);
    expect(scheduler.now()).toBe(1_000);
    scheduler.moveTo(2_000);
    scheduler.runDue();
    expect(ran.at(-1)).toBe('later');
    expect(scheduler.pending).toBe(0);
  });
});
