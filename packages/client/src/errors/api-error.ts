// Errors for a non-2xx response: APIError and one subclass per status it names, built from explicit arguments.
// Bodies and headers reach these constructors already redacted (see redaction.ts).
import { describeBody, reasonPhrase } from './details.js';
import { AttemptError, type AttemptFacts } from './network.js';

/** What an API error is built from: the status line, the decoded body, the headers and the attempts made. */
export interface APIErrorSource extends AttemptFacts {
  status: number;
  statusText?: string | undefined;
  /** JSON when the body parses (a 422's `{ detail: [...] }`), else the text. */
  body: unknown;
  headers: Headers;
  /** The wait the server asked for (`retry-after-ms` or `Retry-After`), in ms, when it asked. */
  retryAfterMs?: number | undefined;
}

/** A status that answers a request which may still have taken effect: the server failed or gave up midway. */
const midwayStatus = (status: number) => status >= 500 || status === 408;

/**
 * The server answered with a non-2xx status. Subclasses name the common statuses. `uncertain` is set when a
 * request that must not be sent twice got a 5xx or 408: the server may have done the work before failing.
 */
export class APIError extends AttemptError {
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

  constructor(source: APIErrorSource) {
    const { target, status, headers, body, retryAfterMs } = source;
    const attempts = source.attempts ?? 1;
    const uncertainOutcome = midwayStatus(status) ? source.uncertainOutcome : undefined;
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
        (notes.length ? ` (${notes.join('; ')})` : '') +
        (uncertainOutcome ? `. ${uncertainOutcome}` : ''),
      { ...source, uncertainOutcome },
    );
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.requestId = requestId;
    this.retryAfterMs = retryAfterMs;
  }

  /** The error for a non-2xx response, of the subclass that names its status. */
  static generate(source: APIErrorSource): APIError {
    const ErrorClass =
      STATUS_ERRORS[source.status as keyof typeof STATUS_ERRORS] ??
      (source.status >= 500 ? InternalServerError : APIError);
    return new ErrorClass(source);
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
export const STATUS_ERRORS = {
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
