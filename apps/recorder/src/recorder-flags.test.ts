import { describe, expect, it } from 'vitest';
import { parseRecorderFlags } from './recorder-flags.js';

describe('parseRecorderFlags', () => {
  it('maps flags to recorder options', () => {
    expect(
      parseRecorderFlags(['--', '--ws-url', 'ws://127.0.0.1:1/ws', '--coins', 'BTC,ETH', '--out', 'rec', '--rotate', 'minute']),
    ).toMatchObject({
      wsUrl: 'ws://127.0.0.1:1/ws',
      coins: ['BTC', 'ETH'],

      rotate: 'minute',
    });
    expect(parseRecorderFlags(['--ws-url', 'ws://h/ws', '--coins', 'BTC', '--out', '/data/rec']).outDir).toBe('/data/rec');
  });
  it('uses the testnet feed with --testnet', () => {
    expect(parseRecorderFlags(['--testnet', '--coins', 'BTC', '--out', 'x']).wsUrl).toBe('wss://api.hyperliquid-testnet.xyz/ws');
  });
  it('names the bad flag', () => {
    expect(() => parseRecorderFlags(['--ws-url', 'ws://h/ws', '--coins', 'BTC', '--out', 'x', '--rotate', 'week'])).toThrow(/rotate/);
    expect(() => parseRecorderFlags(['--coins', 'BTC', '--out', 'x'])).toThrow(/ws-url/);
    expect(() => parseRecorderFlags(['--ws-url', 'ws://h/ws', '--coins', 'BTC', '--out', 'x', '--speed', '3'])).toThrow(/speed/);
  });
});
