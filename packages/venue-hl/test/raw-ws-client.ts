import WebSocket from 'ws';

/** A raw client that records every frame, to check the wire protocol itself. */
export async function connect(
  url: string,
): Promise<{ socket: WebSocket; frames: string[]; next: (match: (frame: string) => boolean) => Promise<string> }> {
  const socket = new WebSocket(url);
  const frames: string[] = [];
  const waiters: Array<{ match: (frame: string) => boolean; resolve: (frame: string) => void }> = [];
  socket.on('message', (data) => {
    const text = String(data);
    frames.push(text);
    for (const waiter of [...waiters]) {
      if (waiter.match(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(text);
      }
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const next = (match: (frame: string) => boolean): Promise<string> => {
    const seen = frames.find(match);
    if (seen !== undefined) {
      frames.splice(frames.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return { socket, frames, next };
}
