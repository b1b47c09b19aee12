import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { MmError, PortInUseError, explainListenError } from './errors.js';

/** Node's own error for a second listen() on a taken port (the shape explainListenError reads). */
async function listenErrorOnTakenPort(): Promise<{ error: unknown; port: number }> {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as net.AddressInfo).port;
  const second = net.createServer();
  try {
    const error = await new Promise<unknown>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1', () => resolve(undefined));
    });
    return { error, port };
  } finally {
    second.close();
    holder.close();
  }
}

describe('explainListenError', () => {
  it("turns Node's EADDRINUSE into one line naming the port and the setting to change", async () => {
    const { error, port } = await listenErrorOnTakenPort();
    const explained = explainListenError(error, 'MM_MONITOR_PORT');
    expect(explained).toBeInstanceOf(PortInUseError);
    expect(explained).toBeInstanceOf(MmError);
    const portError = explained as PortInUseError;
    expect(portError.code).toBe('PORT_IN_USE');
    expect(portError.port).toBe(port);
    expect(portError.message).toBe(
      `port ${port} on 127.0.0.1 is already in use (is another copy running?): set MM_MONITOR_PORT to a free port, or to 0 for any free one`,
    );
    expect(portError.message).not.toContain('\n');
    expect(portError.cause).toBe(error);
  });

  it('passes every other error through unchanged', () => {
    const denied = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES', port: 80 });
    expect(explainListenError(denied, '--port')).toBe(denied);
    expect(explainListenError('not an error', '--port')).toBe('not an error');
    expect(explainListenError(null, '--port')).toBe(null);
  });
});
