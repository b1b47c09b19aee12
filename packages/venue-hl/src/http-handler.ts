import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleExchangeRequest, type ExchangeContext } from './exchange-actions.js';
import { answerInfo, type MarketMeta } from './info-queries.js';
import { infoRequestSchema } from './info-schemas.js';
import { faultCommandSchema, type FaultCommand, type HttpFaults } from './venue-faults.js';
import { undeserializableBody, VenueRequestError } from './venue-errors.js';

export interface HttpHandlerDeps {
  exchange: ExchangeContext;
  meta: MarketMeta;
  faults: HttpFaults;
  /** Applies a control command; undefined when the control endpoint is off. */
  control: ((command: FaultCommand) => void) | undefined;
}

/** The largest request body read; more answers 413 without buffering it (a 50 MB body used to answer 500). */
export const MAX_BODY_BYTES = 1 << 20;

/** A body over `MAX_BODY_BYTES`: answered 413 and the connection closed, so the rest is never read. */
class BodyTooLarge extends Error {}

/** `POST /info`, `POST /exchange` (and `POST /control`): JSON in, JSON out, as the venue answers. */
export function createHttpHandler(deps: HttpHandlerDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(deps, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `Internal error: ${(error as Error).message}`);
      else response.destroy();
    });
  };
}

async function handle(deps: HttpHandlerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'POST' || (path !== '/info' && path !== '/exchange' && path !== '/control')) {
    sendText(response, 404, 'Not Found');
    return;
  }
  let text: string;
  try {
    text = await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    response.setHeader('Connection', 'close');
    sendText(response, 413, `Request body too large (limit ${MAX_BODY_BYTES} bytes)`);
    request.socket.destroySoon();
    return;
  }
  if (path === '/control') {
    if (deps.control === undefined) return sendText(response, 404, 'Not Found');
    // Faults are a test harness's lever: never from another machine, whatever the bind address.
    if (!isLoopback(request.socket.remoteAddress)) return sendText(response, 403, '/control answers loopback clients only');
    const command = faultCommandSchema.safeParse(safeJson(text));
    if (!command.success) return sendJson(response, 400, { status: 'err', response: command.error.message });
    deps.control(command.data);
    return sendJson(response, 200, { status: 'ok' });
  }
  const forcedStatus = deps.faults.takeError();
  if (forcedStatus !== undefined) return sendJson(response, forcedStatus, null);
  try {
    const body = safeJson(text);
    if (body === undefined) throw undeserializableBody('body is not JSON');
    if (path === '/info') {
      const info = infoRequestSchema.safeParse(body);
      if (!info.success) throw undeserializableBody(info.error.message);
      deps.exchange.core.catchUp();
      return sendJson(response, 200, answerInfo(deps.exchange.core, deps.meta, info.data, deps.exchange.directory));
    }
    const answer = await handleExchangeRequest(deps.exchange, body);
    if (deps.faults.takeLostAck()) {
      response.destroy();
      return;
    }
    if (deps.faults.ackDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.faults.ackDelayMs));
    sendJson(response, 200, answer);
  } catch (error) {
    if (error instanceof VenueRequestError) return sendText(response, error.httpStatus, error.message);
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
