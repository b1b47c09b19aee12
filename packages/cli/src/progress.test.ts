import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text) };
}

describe('startProgress', () => {
  it('writes nothing at all when stderr is not a terminal', () => {
    const pipe = stream(false);
    const progress = startProgress('converting', { stream: pipe });
    progress.update('50%');
    progress.done('converted');
    expect(pipe.writes).toEqual([]);
  });

  it('on a terminal rewrites one line with the detail and elapsed seconds, then leaves the final text', () => {
    const terminal = stream(true);
    let nowMs = 0;
    const progress = startProgress('converting', { stream: terminal, now: () => nowMs, minIntervalMs: 100 });
    nowMs = 2_500;
    progress.update('41%');
    nowMs = 2_550;
    progress.update('42%'); // within minIntervalMs of the last redraw: not drawn
    progress.done('converted in 2.6 s');
    expect(terminal.writes).toEqual(['\r\x1b[Kconverting (0 s)', '\r\x1b[Kconverting: 41% (2 s)', '\r\x1b[Kconverted in 2.6 s\n']);
    progress.update('late');
    expect(terminal.writes).toHaveLength(3);
  });
});
