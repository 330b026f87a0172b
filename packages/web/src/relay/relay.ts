// The relay: a web-standard route handler, `(request: Request) => Promise<Response>`, that holds the API key and
// answers the page's calls by making them with @llamacloud-chat/client. It speaks the chat API's own paths, so
// the page runs the same client against it; it drops into a Next.js route (`export const GET = relay`) as is.
import LlamaCloud, {
  APIError,
  type ChatStreamEvent,
  ConnectionError,
  InvalidRequestError,
  LlamaCloudError,
  TimeoutError,
} from '@llamacloud-chat/client';
import { callOperation } from '@llamacloud-chat/client/catalog';
import { DEFAULT_DEADLINE_MS, MAX_DEADLINE_MS, startDeadline } from './deadline.js';
import { eventStreamOf } from './event-stream.js';
import { RelayRefusal } from './refusal.js';
import { checkJsonType, MAX_BODY_BYTES, readJsonBody } from './request-body.js';
import { bodyParams, queryParams, routeOf, SPEC_METHODS } from './route.js';
import { checkSameOrigin } from './same-origin.js';
import { secureHeaders } from './security-headers.js';
import { validationError } from './validation-error.js';

export interface RelayOptions {
  /** The key the relay sends upstream; it never leaves the server. */
  apiKey: string;
  /** The chat API the relay calls, e.g. the mock's URL, or `https://api.cloud.llamaindex.ai`. */
  baseURL: string;
  /** The `fetch` the relay's client calls the API with (tests inject one to see what went upstream). */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * The longest a relayed call may take, retries included, before the relay answers 504. For a turn, the time to
   * get the stream open (its first answer from the API); the turn itself may then last as long as it lasts.
   * @default 30_000
   */
  deadlineMs?: number | undefined;
  /** The largest request body the relay reads; a larger one is a 413. @default 1 MiB */
  maxBodyBytes?: number | undefined;
  /**
   * The most calls the relay serves at once, from reading the body until the answer (for a turn, until its stream
   * ends or the page goes away); one more is a 503 with `Retry-After`. @default 256
   */
  maxInFlight?: number | undefined;
}

/** The most calls the relay serves at once. @default 256 */
export const MAX_IN_FLIGHT = 256;

/** The seconds a 503 for a full relay asks the caller to wait (`Retry-After`). */
const RETRY_AFTER_S = 1;

/** A handler of web `Request`s, as Next.js route handlers, Hono, Bun and Deno take them. */
export type RequestHandler = (request: Request) => Promise<Response>;

/** The relay's answer for a call it was not made for: the API's own 404 shape, so the page's client reads it. */
const notFound = (request: Request, path: string) =>
  json(404, { detail: `The relay does not serve ${request.method} ${path}.` });

/**
 * Makes the relay. The page's `Authorization` header (if any) is never read or forwarded: every call upstream
 * carries the relay's own key, and the client scrubs that key from whatever comes back before the relay sees it.
 * Before anything goes upstream it refuses, in this order: a method the spec does not use (405), a request from
 * another origin or site (403), a call it does not serve (404), a body that is not JSON (415), a call beyond
 * `maxInFlight` (503), a body over `maxBodyBytes` (413), not all in by the deadline (408) or nested too deep (422).
 * Only the body fields the operation's schema names go upstream. The `Host` check comes before all of these, in
 * the server (`serveHandler`), since only it knows the address it listens on.
 */
export function createRelay(options: RelayOptions): RequestHandler {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  // A timer longer than 2³¹−1 ms fires at once in node, so that is the longest deadline.
  if (!(Number.isInteger(deadlineMs) && deadlineMs > 0 && deadlineMs <= MAX_DEADLINE_MS))
    throw new TypeError(
      `deadlineMs must be a whole number of ms from 1 to ${MAX_DEADLINE_MS}; got ${deadlineMs}`,
    );
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
  if (!(Number.isInteger(maxInFlight) && maxInFlight > 0))
    throw new TypeError(`maxInFlight must be a whole number from 1; got ${maxInFlight}`);
  let inFlight = 0;
  const client = new LlamaCloud({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    fetch: options.fetch,
    logLevel: 'off',
  });
  return async (request) => {
    const url = new URL(request.url);
    if (!SPEC_METHODS.includes(request.method)) return notAllowed(request.method);
    const deadline = startDeadline(request.signal, deadlineMs);
    const signal = deadline.signal;
    // Whether the body is still being read: the deadline passing then is the caller's fault (408), not the API's.
    let reading = false;
    // A slot of `maxInFlight`, held from here until the answer (a turn's: until its stream ends).
    let held = false;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    };
    try {
      checkSameOrigin(request);
      const route = routeOf(request.method, url.pathname);
      if (!route) return notFound(request, url.pathname);
      checkJsonType(request);
      if (inFlight >= maxInFlight) {
        return json(
          503,
          {
            detail: `The relay is serving its limit of ${maxInFlight} calls at once; try again in a moment.`,
          },
          { 'retry-after': String(RETRY_AFTER_S) },
        );
      }
      inFlight += 1;
      held = true;
      const { entry, pathValues } = route;
      reading = true;
      const body = entry.schemas.body ? await readJsonBody(request, maxBodyBytes, signal) : {};
      reading = false;
      const fields = bodyParams(entry, body);
      const params =
        fields !== null && typeof fields === 'object' && !Array.isArray(fields)
          ? { ...queryParams(entry, url.searchParams), ...fields }
          : fields;
      // The operation's own method on the client: its checks run before anything is sent upstream.
      const answer = callOperation(client, entry, pathValues, params, { signal });
      switch (answer.reads) {
        case 'page': {
          const page = (await answer.result) as { body: unknown };
          return json(200, page.body);
        }
        case 'events': {
          const turn = (await answer.result) as { toReadableStream(): ReadableStream<ChatStreamEvent> };
          // The stream is open: from here the turn lasts as long as it lasts, until the page goes away.
          deadline.clear();
          // The slot is the stream's now: given back when it ends or is cancelled.
          held = false;
          return new Response(eventStreamOf(turn.toReadableStream(), release), {
            status: 200,
            headers: secureHeaders({
              'content-type': 'text/event-stream; charset=utf-8',
              'cache-control': 'no-cache',
            }),
          });
        }
        default: {
          const { data, response } = await (
            answer.result as { withResponse(): Promise<{ data: unknown; response: Response }> }
          ).withResponse();
          if (answer.reads === 'none')
            return new Response(null, { status: response.status, headers: secureHeaders({}) });
          return json(response.status, data);
        }
      }
    } catch (error) {
      if (!(error instanceof RelayRefusal) && deadline.expired() && !request.signal.aborted) {
        if (reading)
          return json(408, {
            detail: `The request body did not arrive within the relay's deadline of ${deadlineMs / 1000} s.`,
          });
        return json(504, {
          detail: `The chat API did not answer within the relay's deadline of ${deadlineMs / 1000} s (retries included).`,
        });
      }
      return errorResponse(error);
    } finally {
      deadline.clear();
      if (held) release();
    }
  };
}

/** The relay's answer for a method the spec does not use, on any path: 405, with the methods it does. */
function notAllowed(method: string): Response {
  return json(
    405,
    { detail: `The relay does not serve the method ${method}; it serves ${SPEC_METHODS.join(', ')}.` },
    { allow: SPEC_METHODS.join(', ') },
  );
}

/**
 * An error from the client, as the API would have said it: an API error keeps its status and body (the page's
 * client then raises the same error class); no answer from the API is a 502 or 504 whose detail says so.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof RelayRefusal) return json(error.status, { detail: error.detail });
  if (error instanceof APIError) {
    const body =
      typeof error.body === 'object' && error.body !== null
        ? error.body
        : { detail: String(error.body ?? '') };
    return json(error.status, body);
  }
  if (error instanceof TimeoutError)
    return json(504, { detail: `The chat API did not answer in time. ${error.message}` });
  if (error instanceof ConnectionError)
    return json(502, { detail: `The chat API could not be reached. ${error.message}` });
  if (error instanceof InvalidRequestError) return json(422, validationError(error));
  const message = error instanceof LlamaCloudError ? error.message : 'The relay failed to answer.';
  return json(502, { detail: message });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: secureHeaders({ 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }),
  });
}
