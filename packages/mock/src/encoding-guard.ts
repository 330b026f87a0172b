// A pass-through front for Prism that answers a request target with malformed percent-encoding itself, so
// Prism never sees one: Prism decodes paths outside any handler, and a URIError there ends its whole process.
// Everything else goes to Prism and back untouched, streams included.
import { Agent, createServer, request as forward, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { malformedTarget } from './percent-encoding.js';
import { once, type RunningServer } from './running-server.js';

/** Starts the front on 127.0.0.1 and a free port, forwarding to `upstream` (e.g. `http://127.0.0.1:4011`). */
export async function startEncodingGuard(upstream: string): Promise<RunningServer> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const guard = createServer((req, res) => {
    const malformed = malformedTarget(req.url ?? '/');
    if (malformed) {
      // The body is not read: say so, and end the connection rather than drain an upload nobody wants.
      res.setHeader('connection', 'close');
      return json(res, malformed.status, malformed.body);
    }
    const upstreamRequest = forward(
      {
        agent,
        host: target.hostname,
        port: target.port || undefined,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstreamRequest.on('error', (error) => {
      if (res.headersSent) res.destroy(error);
      else json(res, 502, { detail: `Prism behind this front did not answer: ${error.message}` });
    });
    res.on('close', () => {
      if (!res.writableFinished) upstreamRequest.destroy();
    });
    req.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve, reject) => {
    guard.once('error', reject);
    guard.listen(0, '127.0.0.1', () => {
      guard.off('error', reject);
      resolve();
    });
  });
  const { port } = guard.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: once(
      () =>
        new Promise<void>((resolve) => {
          guard.close(() => resolve());
          guard.closeAllConnections();
          agent.destroy();
        }),
    ),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
