// node:http serving a web-standard handler: each request becomes a `Request` whose `signal` aborts when the caller
// goes away, and each `Response` is written chunk by chunk as its body yields, so a stream is never buffered. The
// `Host` header is checked first of all, before it is trusted to build the request's URL.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostCheck } from './allowed-hosts.js';
import { RelayRefusal } from './refusal.js';
import type { RequestHandler } from './relay.js';
import { discardRest, pullBody } from './request-body-stream.js';
import { secureHeaders } from './security-headers.js';

export interface ServedHandler {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops listening and ends every connection, streams included. Safe to call twice. */
  close(): Promise<void>;
}

export interface ServeOptions {
  /**
   * `Host` names answered besides `127.0.0.1:<port>` and `localhost:<port>`: `name:port`, or `name` for any port.
   * Any other name is a 421, so a page that rebinds its own name to 127.0.0.1 cannot use the server.
   */
  allowedHosts?: readonly string[] | undefined;
}

/** Serves `handler` on 127.0.0.1 (`port` 0 for a free one) and resolves once it listens. */
export async function serveHandler(
  handler: RequestHandler,
  port = 0,
  options: ServeOptions = {},
): Promise<ServedHandler> {
  // Made before listening, so a malformed name is an error at start; made again once the real port is known.
  let checkHost = hostCheck(port, options.allowedHosts);
  const server = createServer((req, res) => {
    try {
      checkHost(req.headers.host);
    } catch (error) {
      if (!(error instanceof RelayRefusal)) throw error;
      res.once('finish', () => discardRest(req));
      refuse(res, error.status, error.detail);
      return;
    }
    // Only a path: an absolute URL (a proxy's request form) or `*` names nothing here.
    if (!req.url?.startsWith('/')) {
      res.once('finish', () => discardRest(req));
      refuse(res, 400, 'The request target must be a path.');
      return;
    }
    void respond(handler, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  checkHost = hostCheck(bound, options.allowedHosts);
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

async function respond(handler: RequestHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort(new DOMException('The caller went away.', 'AbortError'));
  });
  const body = req.method !== 'GET' && req.method !== 'HEAD' ? pullBody(req) : undefined;
  res.once('finish', () => {
    body?.detach();
    // Read by node itself when no body was made; else what the handler left is dropped, within a budget.
    if (body) discardRest(req);
  });
  let response: Response;
  try {
    response = await handler(toRequest(req, gone.signal, body?.stream));
  } catch (error) {
    // A handler is meant to answer every error itself; one that throws gets a plain 500, never the error's text.
    console.error(error);
    if (!res.headersSent && !res.destroyed) refuse(res, 500, 'The server failed to answer.');
    return;
  }
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  gone.signal.addEventListener('abort', () => void reader.cancel(gone.signal.reason).catch(() => {}), {
    once: true,
  });
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      if (!res.write(chunk.value)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  } catch {
    // The body failed or was cancelled because the caller left: there is no one to tell but the socket.
    res.destroy();
  }
}

/** A refusal from the server itself, in the API's error shape. */
function refuse(res: ServerResponse, status: number, detail: string): void {
  res
    .writeHead(status, secureHeaders({ 'content-type': 'application/json', 'cache-control': 'no-store' }))
    .end(JSON.stringify({ detail }));
}

function toRequest(
  req: IncomingMessage,
  signal: AbortSignal,
  body: ReadableStream<Uint8Array> | undefined,
): Request {
  // The Host header was checked; the target is a path, joined as text so that `//name/…` stays a path.
  const url = new URL(`http://${req.headers.host}${req.url}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(body ? { body, duplex: 'half' } : {}),
  } as RequestInit);
}
