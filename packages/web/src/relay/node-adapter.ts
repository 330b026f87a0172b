// node:http serving a web-standard handler: each request becomes a `Request` whose `signal` aborts when the caller
// goes away, and each `Response` is written chunk by chunk as its body yields, so a stream is never buffered. The
// `Host` header is checked first of all, before it is trusted to build the request's URL, then the method: one the
// handler does not serve is a 405 here (a web `Request` cannot even carry TRACE or CONNECT, and node answers a
// method it does not know with a bare 400 of its own).
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { hostCheck } from './allowed-hosts.js';
import { RelayRefusal } from './refusal.js';
import type { RequestHandler } from './relay.js';
import { discardRest, pullBody } from './request-body-stream.js';
import { SPEC_METHODS } from './route.js';
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
  /**
   * The methods the handler serves; any other (TRACE, CONNECT, PUT, one node does not know) is answered 405 with
   * `Allow` by the server itself, before the handler sees it. @default the spec's methods (`SPEC_METHODS`)
   */
  methods?: readonly string[] | undefined;
}

/** What a request the server refuses itself gets, before a `Request` is made of it: status, reason, headers. */
interface Refusal {
  status: number;
  detail: string;
  headers?: Record<string, string>;
}

/** Serves `handler` on 127.0.0.1 (`port` 0 for a free one) and resolves once it listens. */
export async function serveHandler(
  handler: RequestHandler,
  port = 0,
  options: ServeOptions = {},
): Promise<ServedHandler> {
  // Made before listening, so a malformed name is an error at start; made again once the real port is known.
  let checkHost = hostCheck(port, options.allowedHosts);
  const methods = options.methods ?? SPEC_METHODS;
  const notAllowed = (method: string): Refusal => ({
    status: 405,
    detail: `This server does not serve the method ${method}; it serves ${methods.join(', ')}.`,
    headers: { allow: methods.join(', ') },
  });
  /** The server's own refusal of `req` (its Host, then its method), or undefined to go on. */
  const screen = (req: IncomingMessage): Refusal | undefined => {
    try {
      checkHost(req.headers.host);
    } catch (error) {
      if (!(error instanceof RelayRefusal)) throw error;
      return { status: error.status, detail: error.detail };
    }
    if (!methods.includes(req.method ?? '')) return notAllowed(req.method ?? '');
    return undefined;
  };
  const server = createServer((req, res) => {
    const refusal =
      screen(req) ??
      // Only a path: an absolute URL (a proxy's request form) or `*` names nothing here.
      (req.url?.startsWith('/') ? undefined : { status: 400, detail: 'The request target must be a path.' });
    if (refusal) {
      res.once('finish', () => discardRest(req));
      refuse(res, refusal.status, refusal.detail, refusal.headers);
      return;
    }
    void respond(handler, req, res);
  });
  // A CONNECT asks for a tunnel, not an answer: node hands over the socket (or, unasked, drops it without a word).
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    const refusal = screen(req) ?? notAllowed(req.method ?? 'CONNECT');
    answerOnSocket(socket, refusal);
  });
  // A request node could not parse. Node's own answer is a bare 400 (431, 408); an unknown method is one (TRACK,
  // FOO), and is a 405 here like any other method not served. Either way in the API's error shape, then closed.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // As node's own: no answer in the middle of one already under way.
    const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (!socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_INVALID_METHOD') {
      // The method as sent, if it is one (a token, at the start of the request line).
      const sent = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}(?= )/.exec(error.rawPacket?.toString('latin1') ?? '');
      answerOnSocket(socket, notAllowed(sent?.[0] ?? 'of this request'));
    } else answerOnSocket(socket, CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED);
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
function refuse(
  res: ServerResponse,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(
      status,
      secureHeaders({ 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }),
    )
    .end(JSON.stringify({ detail }));
}

/** Node's own answers to a request it cannot parse, by error code, said in the API's error shape. */
const CLIENT_ERRORS: Record<string, Refusal> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, detail: 'The request chunk extensions are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request did not arrive in time.' },
};
const MALFORMED: Refusal = { status: 400, detail: 'The request is not well-formed HTTP.' };

/**
 * A refusal written straight to a socket node no longer serves as HTTP (a CONNECT's, one whose request did not
 * parse), as the only answer on it: the connection closes once it is out.
 */
function answerOnSocket(socket: Duplex, refusal: Refusal): void {
  socket.on('error', () => {});
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ detail: refusal.detail });
  const headers = secureHeaders({
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...refusal.headers,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  });
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${head.join('')}\r\n${body}`,
    () => socket.destroy(),
  );
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
