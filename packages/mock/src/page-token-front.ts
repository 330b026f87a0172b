// A front for a Prism mock that turns `?page_token=<name of an example>` into `Prefer: example=<name>`. Prism
// is stateless; this is what lets the spec's chained example pages play out as a multi-page listing. It knows
// nothing of Prism but its URL, and answers a token it cannot serve itself, with a 422 that says so.
// It also streams what Prism cannot: a 2xx `text/event-stream` answer, which Prism sends whole, goes on to the
// caller one event at a time, with a gap between events (see event-stream.ts).
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { checkStreamGap, isEventStream, replayEvents, type StreamEnd, splitEvents } from './event-stream.js';
import type { RunningServer } from './running-server.js';
import { answerJson, startFront } from './upstream-front.js';

export interface PageTokenFrontOptions {
  /** The Prism mock to forward to, e.g. `http://127.0.0.1:4011`. */
  upstream: string;
  /** The `page_token` values it serves: the names of the examples the upstream can answer with. */
  pageTokens: Iterable<string>;
  /** The port to listen on, on 127.0.0.1. @default 0, a free port */
  port?: number | undefined;
  /**
   * The gap between two events of a streamed answer (a 2xx `text/event-stream`), in milliseconds; 0 sends each
   * event in a chunk of its own with no wait. @default DEFAULT_STREAM_GAP_MS (60)
   */
  streamGapMs?: number | undefined;
  /** Called once per streamed answer when it ends: every event sent, or the caller gone first. */
  onStreamEnd?: ((end: StreamEnd) => void) | undefined;
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
 * A 2xx answer with `content-type: text/event-stream` reaches the caller as a stream: the upstream's body split
 * into its events (on the blank lines between them), the first sent at once and each next one `streamGapMs`
 * later, chunked (no Content-Length), with `cache-control: no-cache`; the upstream's status and other headers
 * kept. If the caller goes away mid-stream, writing stops at once. Every other answer (errors included) passes
 * through unchanged.
 *
 * A `page_token` it has no page for gets a 422: the spec documents a 422 for a query parameter that is not
 * valid, so the answer stays inside the contract (the client raises its `UnprocessableEntityError` with the
 * message, and does not retry it), where serving page 1 again would make a client loop or list duplicates.
 */
export function startPageTokenFront(options: PageTokenFrontOptions): Promise<RunningServer> {
  const pageTokens = new Set(options.pageTokens);
  const gapMs = checkStreamGap(options.streamGapMs);
  return startFront(
    options.upstream,
    {
      upstreamName: 'The Prism mock',
      request(req, res, upstream) {
        const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('page_token');
        const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
        if (token && !headers.prefer) {
          if (!pageTokens.has(token)) {
            answerJson(res, 422, unknownPageTokenBody(token, pageTokens));
            return undefined;
          }
          headers.prefer = `example=${token}`;
        }
        return headers;
      },
      answer(req, answer, res) {
        const status = answer.statusCode ?? 502;
        if (status < 200 || status >= 300 || !isEventStream(answer.headers['content-type'])) return false;
        stream(req, answer, res, gapMs, options.onStreamEnd);
        return true;
      },
    },
    options.port,
  );
}

/** Reads the upstream's event stream whole, then replays it to the caller event by event. */
function stream(
  req: IncomingMessage,
  answer: IncomingMessage,
  res: ServerResponse,
  gapMs: number,
  onStreamEnd: PageTokenFrontOptions['onStreamEnd'],
): void {
  const chunks: Buffer[] = [];
  answer.on('data', (chunk: Buffer) => chunks.push(chunk));
  // The upstream failing mid-body: the caller has had nothing yet, so a broken connection is all there is to say.
  answer.on('error', (error) => res.destroy(error));
  answer.on('end', () => {
    // The caller went away while the upstream answered: nothing to send, no timer to start.
    if (res.destroyed) return;
    const events = splitEvents(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(answer.statusCode ?? 200, streamHeaders(answer.headers));
    void replayEvents(res, events, gapMs).then(({ sent, complete }) =>
      onStreamEnd?.({ request: `${req.method} ${req.url}`, events: events.length, sent, complete }),
    );
  });
}

/** The upstream's headers, for the same body sent as a stream: chunked instead of with a length, not cached. */
function streamHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const {
    'content-length': _length,
    'transfer-encoding': _encoding,
    'cache-control': _cache,
    ...kept
  } = headers;
  return { ...kept, 'cache-control': 'no-cache' };
}
