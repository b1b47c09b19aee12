import { describe, expect, it } from 'vitest';
import { Cooldown } from './cooldown.js';

describe('Cooldown', () => {
  it('is active from the trip until exactly `until`', () => {
    const cooldown = new Cooldown<string>();
    expect(cooldown.activeAt(0)).toBeUndefined();
    cooldown.trip(100, 400, 'first');
    expect(cooldown.activeAt(100)).toEqual({ since: 100, until: 400, detail: 'first' });
    expect(cooldown.activeAt(399)).toBeDefined();
    expect(cooldown.activeAt(400)).toBeUndefined();
  });

  it('extends on a new trip while active, keeping the episode start, and never shortens', () => {
    const cooldown = new Cooldown<string>();
    cooldown.trip(100, 400, 'first');
    cooldown.trip(200, 500, 'second');
    expect(cooldown.activeAt(450)).toEqual({ since: 100, until: 500, detail: 'second' });
    cooldown.trip(300, 350, 'shorter');
    expect(cooldown.activeAt(450)?.until).toBe(500);
  });

  it('starts a new episode after expiry, and clears', () => {
    const cooldown = new Cooldown<string>();
    cooldown.trip(100, 400, 'first');
    cooldown.trip(400, 700, 'again');
    expect(cooldown.activeAt(400)).toEqual({ since: 400, until: 700, detail: 'again' });
    cooldown.clear();
    expect(cooldown.activeAt(500)).toBeUndefined();
  });
});
