import { HttpTransport, WebSocketTransport } from '@nktkas/hyperliquid';
import { WebSocket as NodeWebSocket } from 'ws';

/**
 * The SDK needs a global WebSocket (Node ≥ 22 has one); older runtimes get the `ws` package's, so the
 * adapter also runs under the system Node 20.
 */
export function ensureWebSocketGlobal(): void {
  const scope = globalThis as { WebSocket?: unknown };
  if (scope.WebSocket === undefined) scope.WebSocket = NodeWebSocket;
}

export function createHttpTransport(options: { apiUrl?: string; isTestnet: boolean; timeoutMs: number }): HttpTransport {
  return new HttpTransport({
    isTestnet: options.isTestnet,
    timeout: options.timeoutMs,
    ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
  });
}

export function createWebSocketTransport(options: { wsUrl?: string; isTestnet: boolean; timeoutMs: number }): WebSocketTransport {
  ensureWebSocketGlobal();
  return new WebSocketTransport({
    isTestnet: options.isTestnet,
    timeout: options.timeoutMs,
    ...(options.wsUrl === undefined ? {} : { url: options.wsUrl }),
  });
}

/**
 * Calls `onReconnect` on every WebSocket open after the first (the SDK resubscribes by itself) and
 * `onDisconnect` on every close.
 */
export function watchReconnects(transport: unknown, onReconnect: () => void, onDisconnect: () => void = () => {}): () => void {
  const socket = (transport as { socket?: EventTarget }).socket;
  if (socket === undefined || typeof socket.addEventListener !== 'function') return () => {};
  let opens = (socket as { readyState?: number }).readyState === 1 ? 1 : 0;
  const listener = (): void => {
    opens += 1;
    if (opens > 1) onReconnect();
  };
  socket.addEventListener('open', listener);
  socket.addEventListener('close', onDisconnect);
  return () => {
    socket.removeEventListener('open', listener);
    socket.removeEventListener('close', onDisconnect);
  };
}
