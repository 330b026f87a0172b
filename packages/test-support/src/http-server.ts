// A real node:http server on 127.0.0.1 and a free port that records every request it receives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

/** What the server saw of one request. */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/api/v1/chat?page_size=10`. */
  url: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The request body as text ('' when there was none). */
  body: string;
}

export type Handler = (request: ReceivedRequest, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request received so far, in order of arrival. */
  requests: ReceivedRequest[];
  /** Stops listening and destroys open sockets, so nothing outlives the test. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a recording server. A handler that throws answers 599 with the error, so a test sees it. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const received: ReceivedRequest = {
      method: req.method ?? '',
      url,
      path: query === -1 ? url : url.slice(0, query),
      query: Object.fromEntries(new URL(url, 'http://127.0.0.1').searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(received);
    try {
      await handler(received, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(599).end(String(error));
      else res.destroy();
    }
  });
  // Idle connections stay open until close(): with Node's 5 s default, a client reusing one just as the server
  // drops it (an event loop lagging on a loaded machine fires the client's own expiry late) sees a reset that no
  // test is about.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      return closed;
    },
  };
}

/** Starts a recording server that is closed when the current vitest test finishes, passed or failed. */
export async function serve(handler: Handler): Promise<TestServer> {
  const { onTestFinished } = await import('vitest');
  const server = await startServer(handler);
  onTestFinished(() => server.close());
  return server;
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Resolves once `condition()` holds, polling every 5 ms; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Whether something accepts connections on 127.0.0.1:`port`, e.g. to prove a server was closed. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
