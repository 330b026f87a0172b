// The relay: a web-standard route handler, `(request: Request) => Promise<Response>`, that holds the API key and
// answers the page's calls by making them with @llamacloud-chat/client. It speaks the chat API's own paths, so
// the page runs the same client against it; it drops into a Next.js route (`export const GET = relay`) as is.
import LlamaCloud, {
  APIError,
  ConnectionError,
  InvalidRequestError,
  LlamaCloudError,
  TimeoutError,
} from '@llamacloud-chat/client';
import { eventStreamOf } from './event-stream.js';

export interface RelayOptions {
  /** The key the relay sends upstream; it never leaves the server. */
  apiKey: string;
  /** The chat API the relay calls, e.g. the mock's URL, or `https://api.cloud.llamaindex.ai`. */
  baseURL: string;
  /** The `fetch` the relay's client calls the API with (tests inject one to see what went upstream). */
  fetch?: typeof globalThis.fetch | undefined;
}

/** A handler of web `Request`s, as Next.js route handlers, Hono, Bun and Deno take them. */
export type RequestHandler = (request: Request) => Promise<Response>;

const SESSION = /^\/api\/v1\/chat\/([^/]+)$/;
const STREAM = /^\/api\/v1\/chat\/([^/]+)\/messages\/stream$/;

/** The relay's answer for a call it was not made for: the API's own 404 shape, so the page's client reads it. */
const notFound = (request: Request, path: string) =>
  json(404, { detail: `The relay does not serve ${request.method} ${path}.` });

/**
 * Makes the relay. The page's `Authorization` header (if any) is never read or forwarded: every call upstream
 * carries the relay's own key, and the client scrubs that key from whatever comes back before the relay sees it.
 */
export function createRelay(options: RelayOptions): RequestHandler {
  const client = new LlamaCloud({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    fetch: options.fetch,
    logLevel: 'off',
  });
  const chat = client.beta.chat;
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    const signal = request.signal;
    try {
      if (path === '/api/v1/chat') {
        if (request.method === 'GET') {
          const page = await chat.list(listParams(url.searchParams), { signal });
          return json(200, page.body);
        }
        if (request.method === 'POST')
          return json(200, await chat.create(await jsonBody(request), { signal }));
        return notFound(request, path);
      }
      const stream = STREAM.exec(path);
      if (stream && request.method === 'POST') {
        const id = sessionId(stream[1]);
        const turn = await chat.stream(id, await jsonBody(request), { signal });
        return new Response(eventStreamOf(turn.toReadableStream()), {
          status: 200,
          headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
        });
      }
      const session = SESSION.exec(path);
      if (session) {
        const id = sessionId(session[1]);
        if (request.method === 'GET') return json(200, await chat.retrieve(id, null, { signal }));
        if (request.method === 'DELETE') {
          await chat.delete(id, null, { signal });
          return new Response(null, { status: 204 });
        }
      }
      return notFound(request, path);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The listing's query, as the client takes it: `page_size` a number, the rest strings, unknown names kept out. */
function listParams(query: URLSearchParams) {
  const params: Record<string, string | number> = {};
  for (const name of ['page_token', 'organization_id', 'project_id']) {
    const value = query.get(name);
    if (value !== null) params[name] = value;
  }
  const size = query.get('page_size');
  if (size !== null) params.page_size = Number(size);
  return params;
}

/** A session id from its path segment; the client escapes it again, as exactly one segment, to send it on. */
function sessionId(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    throw new InvalidRequestError(`The session id in the path is not valid percent-encoding: ${segment}`);
  }
}

/** A request's JSON body; one that is not JSON is an `InvalidRequestError` (a 400 below). */
async function jsonBody<T>(request: Request): Promise<T> {
  const text = await request.text();
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new InvalidRequestError('The request body is not JSON.');
  }
}

/**
 * An error from the client, as the API would have said it: an API error keeps its status and body (the page's
 * client then raises the same error class); no answer from the API is a 502 or 504 whose detail says so.
 */
export function errorResponse(error: unknown): Response {
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
  if (error instanceof InvalidRequestError) return json(400, { detail: error.message });
  const message = error instanceof LlamaCloudError ? error.message : 'The relay failed to answer.';
  return json(502, { detail: message });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
