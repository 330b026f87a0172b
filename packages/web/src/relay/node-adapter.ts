// node:http serving a web-standard handler: each request becomes a `Request` whose `signal` aborts when the caller
// goes away, and each `Response` is written chunk by chunk as its body yields, so a stream is never buffered.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { RequestHandler } from './relay.js';

export interface ServedHandler {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops listening and ends every connection, streams included. Safe to call twice. */
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 (`port` 0 for a free one) and resolves once it listens. */
export async function serveHandler(handler: RequestHandler, port = 0): Promise<ServedHandler> {
  const server = createServer((req, res) => {
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
  let response: Response;
  try {
    response = await handler(toRequest(req, gone.signal));
  } catch (error) {
    // A handler is meant to answer every error itself; one that throws gets a plain 500, never the error's text.
    console.error(error);
    if (!res.headersSent && !res.destroyed)
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error');
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

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}
