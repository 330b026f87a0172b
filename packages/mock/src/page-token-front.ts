// A front for a Prism mock that turns `?page_token=<name of an example>` into `Prefer: example=<name>`. Prism
// is stateless; this is what lets the spec's chained example pages play out as a multi-page listing. It knows
// nothing of Prism but its URL, and answers a token it cannot serve itself, with a 422 that says so.
import { Agent, createServer, request as forward, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once, type RunningServer } from './running-server.js';

export interface PageTokenFrontOptions {
  /** The Prism mock to forward to, e.g. `http://127.0.0.1:4011`. */
  upstream: string;
  /** The `page_token` values it serves: the names of the examples the upstream can answer with. */
  pageTokens: Iterable<string>;
  /** The port to listen on, on 127.0.0.1. @default 0, a free port */
  port?: number | undefined;
}

/** The `type` of the 422 entry for a `page_token` the mock has no page for. */
export const UNKNOWN_PAGE_TOKEN = 'unknown_page_token';

/**
 * The body of the answer to a `page_token` the mock has no page for: the spec's 422 shape (FastAPI's
 * `HTTPValidationError`), naming the token (whole in `input`, shortened in `msg`) and every token it serves.
 */
export function unknownPageTokenBody(token: string, pageTokens: Iterable<string>) {
  const shown = token.length > 60 ? `${token.slice(0, 60)}…` : token;
  return {
    detail: [
      {
        loc: ['query', 'page_token'],
        msg:
          `no page for page_token ${JSON.stringify(shown)}; this mock serves page_token ` +
          `${[...pageTokens].join(', ')}, or none for the first page`,
        type: UNKNOWN_PAGE_TOKEN,
        input: token,
      },
    ],
  };
}

/**
 * Starts the front on 127.0.0.1 and resolves once it listens. A request with its own `Prefer` header, or with
 * no (or an empty) `page_token`, goes to the upstream untouched.
 *
 * A `page_token` it has no page for gets a 422: the spec documents a 422 for a query parameter that is not
 * valid, so the answer stays inside the contract (the client raises its `UnprocessableEntityError` with the
 * message, and does not retry it), where serving page 1 again would make a client loop or list duplicates.
 */
export async function startPageTokenFront(options: PageTokenFrontOptions): Promise<RunningServer> {
  const upstream = new URL(options.upstream);
  const pageTokens = new Set(options.pageTokens);
  const agent = new Agent({ keepAlive: true });
  const front = createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('page_token');
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: upstream.host };
    if (token && !headers.prefer) {
      if (!pageTokens.has(token)) return json(res, 422, unknownPageTokenBody(token, pageTokens));
      headers.prefer = `example=${token}`;
    }
    const upstreamRequest = forward(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port || undefined,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstreamRequest.on('error', (error) => {
      // Mid-body, the only honest signal is a broken connection; before it, a 502 that says why.
      if (res.headersSent) res.destroy(error);
      else json(res, 502, { detail: `The Prism mock behind this front did not answer: ${error.message}` });
    });
    // A caller that gives up frees the connection to Prism too.
    res.on('close', () => {
      if (!res.writableFinished) upstreamRequest.destroy();
    });
    req.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port ?? 0, '127.0.0.1', () => {
      front.off('error', reject);
      resolve();
    });
  });
  const { port } = front.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
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

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
