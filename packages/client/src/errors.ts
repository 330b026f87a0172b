// The client's error family. Every error the client raises extends LlamaCloudError and carries a stable `kind`;
// errors raised while paginating also carry the cursor to resume from.

import { attemptsOf, redact, requestedWait } from './response-info.js';

/** The stable, machine-readable kinds of failure. */
export type ErrorKind =
  | 'config'
  | 'invalid_request'
  | 'bad_request'
  | 'authentication'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'unprocessable_entity'
  | 'rate_limit'
  | 'server'
  | 'api'
  | 'connection'
  | 'timeout'
  | 'aborted'
  | 'malformed_response'
  | 'cursor_loop'
  | 'page_limit';

/** Base class of every error this package raises; switch on `kind` or use `instanceof`. */
export class LlamaCloudError extends Error {
  /** A stable, machine-readable name for the kind of failure. */
  readonly kind: ErrorKind;
  /**
   * Set when the error interrupted a paginated listing: the `page_token` to resume from, or null to start over.
   * `list({ ...params, page_token: error.cursor })` continues with no item lost or repeated.
   */
  cursor?: string | null;
  /** Set when the error interrupted a paginated listing: the 1-based number of the page that failed. */
  pageNumber?: number;

  constructor(kind: ErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
  }
}

/** The client was constructed with options it cannot work with (no API key, a malformed base URL). */
export class ClientConfigError extends LlamaCloudError {
  constructor(message: string) {
    super('config', message);
  }
}

/** A parameter no request could carry (a lone UTF-16 surrogate, NaN, an object); nothing was sent. */
export class InvalidRequestError extends LlamaCloudError {
  constructor(message: string) {
    super('invalid_request', message);
  }
}

/** Where a request went, for messages: `GET /api/v1/chat`. Never includes the query or credentials. */
export type RequestTarget = `${string} /${string}`;

/** The server answered with a non-2xx status. Subclasses name the common statuses. */
export class APIError extends LlamaCloudError {
  /** The HTTP status. */
  readonly status: number;
  /** The decoded body: JSON when it parses (a 422's `{ detail: [...] }`), else the text. */
  readonly body: unknown;
  /** The response headers. */
  readonly headers: Headers;
  /** The server's request id (`x-request-id` and similar), when a header carries one. */
  readonly requestId: string | undefined;

  /** The wait the server asked for (`retry-after-ms` or `Retry-After`), in ms, when it asked. */
  readonly retryAfterMs: number | undefined;
  /** How many attempts were made, retries included. */
  readonly attempts: number;

  constructor(kind: ErrorKind, target: RequestTarget, response: Response, body: unknown) {
    const requestId = readRequestId(response.headers);
    // HTTP/2 has no reason phrase; fall back to the standard one.
    const reason = response.statusText || STATUSES[response.status]?.[2] || 'Error';
    const detail = describeBody(body, (text) => redact(text, response));
    const retryAfterMs = requestedWait(response.headers);
    const attempts = attemptsOf.get(response) ?? 1;
    const notes = [
      retryAfterMs !== undefined && `the server asked to retry after ${Math.ceil(retryAfterMs / 1000)} s`,
      attempts > 1 && `after ${attempts} attempts`,
      requestId && `request id ${requestId}`,
    ].filter(Boolean);
    super(
      kind,
      `${response.status} ${reason} from ${target}${detail ? `: ${detail}` : ''}` +
        (notes.length ? ` (${notes.join('; ')})` : ''),
    );
    this.status = response.status;
    this.body = body;
    this.headers = response.headers;
    this.requestId = requestId;
    this.retryAfterMs = retryAfterMs;
    this.attempts = attempts;
  }
}

/** 400 */
export class BadRequestError extends APIError {}
/** 401: the API key is missing or not valid. */
export class AuthenticationError extends APIError {}
/** 403 */
export class PermissionDeniedError extends APIError {}
/** 404 */
export class NotFoundError extends APIError {}
/** 409 */
export class ConflictError extends APIError {}
/** 422: a parameter failed validation; `body.detail` lists each one. */
export class UnprocessableEntityError extends APIError {}
/** 429 */
export class RateLimitError extends APIError {}
/** 5xx */
export class InternalServerError extends APIError {}

const STATUSES: Record<number, [ErrorKind, typeof APIError, string]> = {
  400: ['bad_request', BadRequestError, 'Bad Request'],
  401: ['authentication', AuthenticationError, 'Unauthorized'],
  403: ['permission_denied', PermissionDeniedError, 'Forbidden'],
  404: ['not_found', NotFoundError, 'Not Found'],
  409: ['conflict', ConflictError, 'Conflict'],
  422: ['unprocessable_entity', UnprocessableEntityError, 'Unprocessable Entity'],
  429: ['rate_limit', RateLimitError, 'Too Many Requests'],
};

/** The error for a non-2xx response, of the subclass that names its status. */
export function apiErrorFor(target: RequestTarget, response: Response, body: unknown): APIError {
  const [kind, ErrorClass] =
    STATUSES[response.status] ??
    (response.status >= 500 ? ['server', InternalServerError] : ['api', APIError]);
  return new ErrorClass(kind, target, response, body);
}

/** The network failed: DNS, refused or reset connection, TLS. */
export class ConnectionError extends LlamaCloudError {
  constructor(target: RequestTarget, cause: unknown, attempts = 1) {
    super(
      'connection',
      `Could not reach the API for ${target}${attemptsNote(attempts)}: ${causeMessage(cause)}. ` +
        'Check the network and LLAMA_CLOUD_BASE_URL.',
      { cause },
    );
  }
}

/** A request took longer than its timeout. */
export class TimeoutError extends LlamaCloudError {
  constructor(target: RequestTarget, timeoutMs: number | undefined, attempts = 1, cause?: unknown) {
    const limit =
      timeoutMs === undefined ? '' : ` after ${timeoutMs} ms${attempts > 1 ? ' per attempt' : ''}`;
    super('timeout', `${target} timed out${limit}${attemptsNote(attempts)}.`, { cause });
  }
}

const attemptsNote = (attempts: number) => (attempts > 1 ? ` (${attempts} attempts)` : '');

/** The caller aborted the request through its AbortSignal. */
export class AbortedError extends LlamaCloudError {
  constructor(target: RequestTarget, cause?: unknown) {
    super('aborted', `${target} was aborted by the caller.`, { cause });
  }
}

/** A 2xx response whose body is not what the spec says: not JSON, truncated, or the wrong shape. */
export class MalformedResponseError extends LlamaCloudError {
  /** The response's status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The start of the body as received, for diagnosis. */
  readonly bodySnippet: string;

  constructor(target: RequestTarget, response: Response, problem: string, text: string) {
    const type = response.headers.get('content-type') ?? 'no content-type';
    const clean = redact(text, response);
    const snippet = clean.length > 120 ? `${clean.slice(0, 120)}…` : clean;
    super(
      'malformed_response',
      `${response.status} from ${target} is not a valid page: ${problem} (${type}, body ${JSON.stringify(snippet)}).`,
    );
    this.status = response.status;
    this.headers = response.headers;
    this.bodySnippet = snippet;
  }
}

function readRequestId(headers: Headers): string | undefined {
  return (
    headers.get('x-request-id') ?? headers.get('request-id') ?? headers.get('x-amzn-requestid') ?? undefined
  );
}

/**
 * One line saying what the body says went wrong: FastAPI's `detail`, a 422's list, a problem's `title`, or the
 * start of the text. `clean` runs on the whole text before it is shortened, so a secret is never half-cut.
 */
function describeBody(body: unknown, clean: (text: string) => string): string {
  if (body === undefined || body === null || body === '') return '';
  const line = (text: string) => {
    const one = clean(text).replace(/\s+/g, ' ').trim();
    return one.length > 200 ? `${one.slice(0, 200)}…` : one;
  };
  if (typeof body === 'string') return line(body);
  const { detail, title } = body as { detail?: unknown; title?: unknown };
  if (typeof detail === 'string' && detail) return line(detail);
  // An RFC 9457 problem (a gateway's, say) may put its explanation in the title.
  if (typeof title === 'string' && title && !Array.isArray(detail)) return line(title);
  if (Array.isArray(detail)) {
    return line(
      detail
        .map((entry: { loc?: unknown; msg?: unknown }) => {
          const loc = Array.isArray(entry?.loc) ? entry.loc.join('.') : undefined;
          return loc ? `${loc}: ${String(entry?.msg)}` : String(entry?.msg ?? JSON.stringify(entry));
        })
        .join('; '),
    );
  }
  return line(JSON.stringify(body));
}

function causeMessage(cause: unknown): string {
  // fetch() says only "fetch failed"; the reason (ECONNREFUSED, a bad port, a TLS error) is one level down.
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const reason =
    typeof inner?.code === 'string' ? inner.code : typeof inner?.message === 'string' ? inner.message : '';
  return reason ? `${message} (${reason})` : message;
}
