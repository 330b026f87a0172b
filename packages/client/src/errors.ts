// The client's error family. Every error the client raises extends LlamaCloudError; each class names its own
// `kind`, and `ErrorKind` is derived from the classes. Errors raised while listing carry the cursor to resume
// from, set when they are built. Bodies and headers reach these constructors already redacted (transport.ts).
import { describeBody, describeCause, reasonPhrase } from './error-details.js';

/** Where a request went, for messages: `GET /api/v1/chat`. Never includes the query or credentials. */
export type RequestTarget = `${string} /${string}`;

/** Where in a listing an error happened; set by the paginator on every error it raises. */
export interface ListingContext {
  /** The `page_token` of the page that failed (null for a first page asked for without one). */
  cursor?: string | null | undefined;
  /** The 1-based number of the page that failed. */
  pageNumber?: number | undefined;
}

interface ErrorOptions extends ListingContext {
  cause?: unknown;
}

/** Base class of every error this package raises; switch on `kind` or use `instanceof`. */
export abstract class LlamaCloudError extends Error {
  /** A stable, machine-readable name for the kind of failure. */
  abstract readonly kind: string;
  /**
   * Set when the error interrupted a paginated listing: the `page_token` to resume from, or null to start over.
   * `list({ ...params, page_token: error.cursor })` continues with no item lost or repeated.
   */
  readonly cursor?: string | null;
  /** Set when the error interrupted a paginated listing: the 1-based number of the page that failed. */
  readonly pageNumber?: number;

  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.cursor !== undefined) this.cursor = options.cursor;
    if (options.pageNumber !== undefined) this.pageNumber = options.pageNumber;
  }
}

/** The client was constructed with options it cannot work with (no API key, a malformed base URL). */
export class ClientConfigError extends LlamaCloudError {
  readonly kind = 'config';
}

/** A parameter no request could carry, or one the spec forbids; nothing was sent. */
export class InvalidRequestError extends LlamaCloudError {
  readonly kind = 'invalid_request';
}

/** What an API error is built from: the status line, the decoded body, the headers and the attempts made. */
export interface APIErrorSource {
  target: RequestTarget;
  status: number;
  statusText?: string | undefined;
  /** JSON when the body parses (a 422's `{ detail: [...] }`), else the text. */
  body: unknown;
  headers: Headers;
  attempts: number;
}

/** The server answered with a non-2xx status. Subclasses name the common statuses. */
export class APIError extends LlamaCloudError {
  readonly kind: 'api' | StatusErrorKind = 'api';
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

  constructor(source: APIErrorSource, retryAfterMs: number | undefined, context: ListingContext = {}) {
    const { target, status, headers, attempts, body } = source;
    const requestId =
      headers.get('x-request-id') ??
      headers.get('request-id') ??
      headers.get('x-amzn-requestid') ??
      undefined;
    const detail = describeBody(body);
    const notes = [
      retryAfterMs !== undefined && `the server asked to retry after ${Math.ceil(retryAfterMs / 1000)} s`,
      attempts > 1 && `after ${attempts} attempts`,
      requestId && `request id ${requestId}`,
    ].filter(Boolean);
    super(
      `${status} ${source.statusText || reasonPhrase(status)} from ${target}${detail ? `: ${detail}` : ''}` +
        (notes.length ? ` (${notes.join('; ')})` : ''),
      context,
    );
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.requestId = requestId;
    this.retryAfterMs = retryAfterMs;
    this.attempts = attempts;
  }

  /** The error for a non-2xx response, of the subclass that names its status. */
  static generate(
    source: APIErrorSource,
    retryAfterMs: number | undefined,
    context?: ListingContext,
  ): APIError {
    const ErrorClass =
      STATUS_ERRORS[source.status as keyof typeof STATUS_ERRORS] ??
      (source.status >= 500 ? InternalServerError : APIError);
    return new ErrorClass(source, retryAfterMs, context);
  }
}

/** 400 */
export class BadRequestError extends APIError {
  override readonly kind = 'bad_request';
}
/** 401: the API key is missing or not valid. */
export class AuthenticationError extends APIError {
  override readonly kind = 'authentication';
}
/** 403 */
export class PermissionDeniedError extends APIError {
  override readonly kind = 'permission_denied';
}
/** 404 */
export class NotFoundError extends APIError {
  override readonly kind = 'not_found';
}
/** 409 */
export class ConflictError extends APIError {
  override readonly kind = 'conflict';
}
/** 422: a parameter failed validation; `body.detail` lists each one. */
export class UnprocessableEntityError extends APIError {
  override readonly kind = 'unprocessable_entity';
}
/** 429 */
export class RateLimitError extends APIError {
  override readonly kind = 'rate_limit';
}
/** 5xx */
export class InternalServerError extends APIError {
  override readonly kind = 'server';
}

/** The one status → class table; any other 5xx is an InternalServerError, anything else a plain APIError. */
const STATUS_ERRORS = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
} as const;
type StatusErrorKind = InstanceType<
  (typeof STATUS_ERRORS)[keyof typeof STATUS_ERRORS] | typeof InternalServerError
>['kind'];

const attemptsNote = (attempts: number) => (attempts > 1 ? ` (${attempts} attempts)` : '');

/** The network failed: DNS, refused or reset connection, TLS. */
export class ConnectionError extends LlamaCloudError {
  readonly kind = 'connection';

  constructor(
    target: RequestTarget,
    cause: unknown,
    attempts = 1,
    context: ListingContext = {},
    /** Said when the request may have reached the server and must not simply be sent again. */
    uncertain?: string,
  ) {
    super(
      `Could not reach the API for ${target}${attemptsNote(attempts)}: ${describeCause(cause)}. ` +
        (uncertain ? `${uncertain} ` : '') +
        'Check the network and LLAMA_CLOUD_BASE_URL.',
      { ...context, cause },
    );
  }
}

/** A request took longer than its timeout. */
export class TimeoutError extends LlamaCloudError {
  readonly kind = 'timeout';

  constructor(
    target: RequestTarget,
    timeoutMs: number | undefined,
    attempts = 1,
    context: ListingContext & { cause?: unknown } = {},
    /** Said when the request may have reached the server and must not simply be sent again. */
    uncertain?: string,
  ) {
    const limit =
      timeoutMs === undefined ? '' : ` after ${timeoutMs} ms${attempts > 1 ? ' per attempt' : ''}`;
    super(
      `${target} timed out${limit}${attemptsNote(attempts)}.${uncertain ? ` ${uncertain}` : ''}`,
      context,
    );
  }
}

/** The caller aborted the request through its AbortSignal. */
export class AbortedError extends LlamaCloudError {
  readonly kind = 'aborted';

  constructor(target: RequestTarget, cause?: unknown, context: ListingContext = {}) {
    super(`${target} was aborted by the caller.`, { ...context, cause });
  }
}

/** A 2xx response whose body is not what the spec says: not JSON, truncated, or the wrong shape. */
export class MalformedResponseError extends LlamaCloudError {
  readonly kind = 'malformed_response';
  /** The response's status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The start of the body as received, for diagnosis. */
  readonly bodySnippet: string;

  constructor(
    target: RequestTarget,
    response: { status: number; headers: Headers },
    problem: string,
    text: string,
    context: ListingContext = {},
    /** What the body should have been: `page`, `session`. */
    expected = 'page',
  ) {
    const type = response.headers.get('content-type') ?? 'no content-type';
    const snippet = text.length > 120 ? `${text.slice(0, 120)}…` : text;
    super(
      `${response.status} from ${target} is not a valid ${expected}: ${problem} (${type}, body ${JSON.stringify(snippet)}).`,
      context,
    );
    this.status = response.status;
    this.headers = response.headers;
    this.bodySnippet = snippet;
  }
}

/** A page's `next_page_token` was already used in this listing: following it would loop forever. */
export class CursorLoopError extends LlamaCloudError {
  readonly kind = 'cursor_loop';
  /** The repeated token. */
  readonly token: string;
  /** The page (1-based) that first used it. */
  readonly firstUsedByPage: number;

  constructor(token: string, pageNumber: number, firstUsedByPage: number) {
    // No `cursor`: resuming from the repeated token would only repeat pages.
    super(
      `Page ${pageNumber} returned next_page_token ${JSON.stringify(token)}, which already fetched page ` +
        `${firstUsedByPage}; stopping rather than looping.`,
      { pageNumber },
    );
    this.token = token;
    this.firstUsedByPage = firstUsedByPage;
  }
}

/** The listing reached its `maxPages` cap with pages still to fetch. */
export class PageLimitError extends LlamaCloudError {
  readonly kind = 'page_limit';
  /** The cap that was reached. */
  readonly maxPages: number;

  constructor(maxPages: number, nextCursor: string) {
    super(
      `Reached maxPages (${maxPages}) with pages left; raise { maxPages } or resume from page_token ${JSON.stringify(nextCursor)}.`,
      { cursor: nextCursor, pageNumber: maxPages + 1 },
    );
    this.maxPages = maxPages;
  }
}

/** The stable, machine-readable kinds of failure, one per error class. */
export type ErrorKind = InstanceType<
  | typeof ClientConfigError
  | typeof InvalidRequestError
  | typeof APIError
  | (typeof STATUS_ERRORS)[keyof typeof STATUS_ERRORS]
  | typeof InternalServerError
  | typeof ConnectionError
  | typeof TimeoutError
  | typeof AbortedError
  | typeof MalformedResponseError
  | typeof CursorLoopError
  | typeof PageLimitError
>['kind'];
