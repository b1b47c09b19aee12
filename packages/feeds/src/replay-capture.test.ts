import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_0126, capturePath } from '../test/captures.js';
import { HYPERLIQUID_BTC } from './capture-instruments.js';
import type { FeedEvent } from './feed-events.js';
import { HyperliquidParser } from './hyperliquid-parser.js';
import { readCaptureEvents, replayCapture } from './replay-capture.js';

describe('replayCapture / readCaptureEvents', () => {
  it('produces the same events as objects and through the scratch visitor', async () => {
    const file = capturePath(HYPERLIQUID_0126);
    const objects: FeedEvent[] = [];
    for await (const event of readCaptureEvents(file, new HyperliquidParser(HYPERLIQUID_BTC))) objects.push(event);
    const visited: FeedEvent[] = [];
    const seenScratch = new Set<object>();
    const summary = await replayCapture(file, new HyperliquidParser(HYPERLIQUID_BTC), {
      bookUpdate: (update) => {
        seenScratch.add(update);
        visited.push(update.toEvent());
      },
      trade: (trade) => {
        seenScratch.add(trade);
        visited.push(trade.toEvent());
      },
    });
    expect(visited).toEqual(objects);
    expect(objects.filter((e) => e.type === 'book-snapshot')).toHaveLength(46);
    expect(objects.filter((e) => e.type === 'trade')).toHaveLength(64);
    expect(seenScratch.size).toBe(2); // one reused scratch per kind, no per-event objects
    expect(summary).toMatchObject({ lines: 55, messages: 46 + 64, stopped: false });
  });

  it('stops at a local time', async () => {
    const summary = await replayCapture(
      capturePath(HYPERLIQUID_0126),
      new HyperliquidParser(HYPERLIQUID_BTC),
      {},
      {
        untilLocalTimeUs: 1_737_918_844_167_767, // line 3, the first trades frame
      },
    );
    expect(summary).toMatchObject({ lines: 3, stopped: true, lastLocalTimeUs: 1_737_918_844_167_767 });
  });
});
