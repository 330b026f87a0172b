// The root of the client's error family, and the errors raised before anything is sent. Every error the client
// raises extends LlamaCloudError; each class names its own `kind` (see index.ts for ErrorKind).
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

/** Where a request's bad part is: in its path, its query or its body, and its name there. */
export interface RequestField {
  readonly in: 'path' | 'query' | 'body';
  readonly name: string;
}

/** What is wrong with a request's part: missing though required, not one the operation has, or of a wrong type. */
export type RequestProblem = 'missing' | 'unknown' | 'type' | 'value';

interface InvalidRequestOptions extends ErrorOptions {
  field?: RequestField | undefined;
  problem?: RequestProblem | undefined;
  /** For an unknown name: the names the operation takes there. */
  allowed?: readonly string[] | undefined;
  /** For a URL too long to send: its length, and the limit. */
  urlBytes?: number | undefined;
  maxUrlBytes?: number | undefined;
}

/** A parameter no request could carry, or one the spec forbids; nothing was sent. */
export class InvalidRequestError extends LlamaCloudError {
  readonly kind = 'invalid_request';
  /** The part of the request at fault, when the check knows it. */
  readonly field?: RequestField;
  readonly problem?: RequestProblem;
  /** For an unknown name: the names the operation takes in that part. */
  readonly allowed?: readonly string[];
  /** For a URL too long to send: how many bytes it would have been. */
  readonly urlBytes?: number;
  /** For a URL too long to send: the most it may have. */
  readonly maxUrlBytes?: number;

  constructor(message: string, options: InvalidRequestOptions = {}) {
    super(message, options);
    if (options.field) this.field = options.field;
    if (options.problem) this.problem = options.problem;
    if (options.allowed) this.allowed = options.allowed;
    if (options.urlBytes !== undefined) this.urlBytes = options.urlBytes;
    if (options.maxUrlBytes !== undefined) this.maxUrlBytes = options.maxUrlBytes;
  }
}
