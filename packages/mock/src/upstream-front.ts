// A front on 127.0.0.1 for a server behind it (Prism): each request is either answered by the front itself or
// forwarded, and each answer either passed back as it comes or taken over by the front. The package's fronts
// (the encoding guard, the page-token front) are these two decisions; the forwarding, the 502 when the server
// behind does not answer, and freeing its connection when a caller gives up are written once, here.
import {
  Agent,
  createServer,
  request as forward,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { once, type RunningServer } from './running-server.js';

export interface FrontStages {
  /** What the server behind is called in the 502 when it does not answer: `Prism`, `The Prism mock`. */
  upstreamName: string;
  /** The headers to forward `req` with, or undefined when the front answered it itself. */
  request(req: IncomingMessage, res: ServerResponse, upstream: URL): IncomingHttpHeaders | undefined;
  /** Takes over an answer from the server behind (and returns true), or lets it pass back untouched. */
  answer?(req: IncomingMessage, answer: IncomingMessage, res: ServerResponse): boolean;
}

/** Writes a JSON answer. */
export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts a front forwarding to `upstream` (e.g. `http://127.0.0.1:4011`) and resolves once it listens. */
export async function startFront(upstream: string, stages: FrontStages, port = 0): Promise<RunningServer> {
  const target = new URL(upstream);
  // A connection of its own for each request: one kept alive and reused just as the server behind closes it as
  // idle (its keep-alive timeout) is reset, which a loaded machine turns from rare into a 502 now and then.
  const agent = new Agent({ keepAlive: false });
  const front = createServer((req, res) => {
    const headers = stages.request(req, res, target);
    if (!headers) return;
    const upstreamRequest = forward(
      {
        agent,
        host: target.hostname,
        port: target.port || undefined,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        if (stages.answer?.(req, answer, res)) return;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstreamRequest.on('error', (error) => {
      // Mid-body, the only honest signal is a broken connection; before it, a 502 that says why.
      if (res.headersSent) res.destroy(error);
      else
        answerJson(res, 502, {
          detail: `${stages.upstreamName} behind this front did not answer: ${error.message}`,
        });
    });
    // A caller that gives up frees the connection to the server behind too.
    res.on('close', () => {
      if (!res.writableFinished) upstreamRequest.destroy();
    });
    req.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, '127.0.0.1', () => {
      front.off('error', reject);
      resolve();
    });
  });
  const bound = (front.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: once(
      () =>
        new Promise<void>((resolve) => {
          front.close(() => resolve());
          front.closeAllConnections();
          agent.destroy();
        }),
    ),
  };
}
