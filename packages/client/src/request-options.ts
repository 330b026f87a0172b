// Per-call options: the official SDK's `RequestOptions` (and a listing's own), checked once per call by one
// function, so every method and HTTP verb accepts the same fields, refuses the same mistakes before sending, and
// hands the transport the same shape.
import { ClientConfigError } from './errors/index.js';
import { checkBaseUrl, checkRetryOptions } from './resolve-options.js';

/** An HTTP method, in the SDK's spelling; any case is accepted. */
export type HTTPMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Headers as the SDK takes them; a `null` value removes a header the client would send. */
export type HeadersLike =
  | Headers
  | Record<string, string | null | undefined>
  | readonly (readonly [string, string | null | undefined])[]
  | null
  | undefined;

/** Options of one call, the official SDK's `RequestOptions`. */
export interface RequestOptions {
  /** Replaces the operation's method. */
  method?: HTTPMethod | Uppercase<HTTPMethod> | undefined;
  /** Replaces the operation's path (after the base URL's own path), e.g. `/api/v1/chat`. Sent as written. */
  path?: string | undefined;
  /** Replaces the operation's query; a null or undefined value is left out of the URL. */
  query?: object | null | undefined;
  /** Replaces the operation's body; sent as JSON. */
  body?: unknown;
  /** Headers for this call, over the client's; a `null` value removes one. */
  headers?: HeadersLike;
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** Milliseconds per attempt for this call (a stream's idle limit between bytes); overrides the client's `timeout`. */
  timeout?: number | undefined;
  /** Milliseconds a streamed call may take from request to last event; overrides the client's `streamTimeout`. */
  streamTimeout?: number | undefined;
  /** Cancels the call in every state, retries and backoff included. */
  signal?: AbortSignal | null | undefined;
  /** Sent as the `Idempotency-Key` header. It does not make a `create` retried: the API documents no such key. */
  idempotencyKey?: string | undefined;
  /** Extra `RequestInit` for this call's fetch, over the client's `fetchOptions`. */
  fetchOptions?: RequestInit | undefined;
  /** The base URL for this call when the client uses the default one (the SDK's rule). */
  defaultBaseURL?: string | undefined;
}

/** Options of a listing (`list()`, `paginate()`): a call's, plus the listing's own. */
export interface ListRequestOptions extends RequestOptions {
  /**
   * Most pages one listing may fetch; one more raises a `PageLimitError` carrying the cursor to resume from.
   * @default 10_000
   */
  maxPages?: number | undefined;
  /**
   * Fetch page n+1 while the caller works through page n. Hides the server's latency behind the caller's
   * work, at the cost of one extra request when the caller stops early.
   * @default false
   */
  prefetch?: boolean | undefined;
}

/** What replaces parts of the operation's request, from a call's `method`, `path`, `query`, `body`, `headers`. */
export interface RequestOverrides {
  /** Upper-case. */
  method?: string | undefined;
  path?: string | undefined;
  /** Present (possibly undefined) when the call gave `query`. */
  query?: Record<string, unknown> | null | undefined;
  hasQuery: boolean;
  body?: unknown;
  hasBody: boolean;
  /** Lower-case names; null removes the header. Undefined when the call gave none. */
  headers?: Record<string, string | null> | undefined;
  /** Absolute, without a trailing slash; used only when the client has the default base URL. */
  defaultBaseURL?: string | undefined;
}

/** What the transport needs of a call. */
export interface TransportCall {
  signal?: AbortSignal | undefined;
  maxRetries?: number | undefined;
  timeout?: number | undefined;
  streamTimeout?: number | undefined;
  fetchOptions?: RequestInit | undefined;
}

/** A call's options, checked: what the request builder and the transport each need, and a listing's own. */
export interface ResolvedRequestOptions {
  call: TransportCall;
  /** Undefined when the call replaces nothing (the usual case: no object is built per request). */
  overrides: RequestOverrides | undefined;
  /** A listing's page cap, when one was given. */
  maxPages: number | undefined;
  /** Whether a listing prefetches. */
  prefetch: boolean;
}

const CALL_FIELDS = [
  'method',
  'path',
  'query',
  'body',
  'headers',
  'maxRetries',
  'timeout',
  'streamTimeout',
  'signal',
  'idempotencyKey',
  'fetchOptions',
  'defaultBaseURL',
] as const satisfies readonly (keyof RequestOptions)[];
const LIST_FIELDS = [
  ...CALL_FIELDS,
  'maxPages',
  'prefetch',
] as const satisfies readonly (keyof ListRequestOptions)[];
const KNOWN_CALL = new Set<string>(CALL_FIELDS);
const KNOWN_LIST = new Set<string>(LIST_FIELDS);
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

const NO_OPTIONS: ResolvedRequestOptions = {
  call: {},
  overrides: undefined,
  maxPages: undefined,
  prefetch: false,
};

/** The closest known name to `name`: the same but for case, or one edit away. */
function didYouMean(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return (
    known.find((candidate) => candidate.toLowerCase() === lower) ??
    known.find((candidate) => withinOneEdit(candidate.toLowerCase(), lower))
  );
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  // The rest must match after skipping one character in either (or both, for a substitution).
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

function rejectUnknown(options: object, known: Set<string>, list: readonly string[]): void {
  for (const name of Object.keys(options)) {
    if (known.has(name)) continue;
    const meant = didYouMean(name, list);
    throw new ClientConfigError(
      `Unknown request option "${name}"${meant ? ` (did you mean "${meant}"?)` : ''}; the request options are ` +
        `${list.join(', ')}. Nothing was sent.`,
    );
  }
}

/** Headers of any SDK shape as lower-case names; null marks one to remove, undefined is skipped. */
export function normalizeHeaders(headers: HeadersLike): Record<string, string | null> {
  const entries: Iterable<readonly [string, string | null | undefined]> =
    headers instanceof Headers
      ? headers.entries()
      : Array.isArray(headers)
        ? headers
        : Object.entries((headers ?? {}) as Record<string, string | null | undefined>);
  const normalized: Record<string, string | null> = {};
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') {
      throw new ClientConfigError(`Header ${name} must be a string or null, got ${typeof value}.`);
    }
    normalized[name.toLowerCase()] = value;
  }
  return normalized;
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#]/.test(path) || path.startsWith('//')) {
    throw new ClientConfigError(
      `The request option path must be a path starting with "/", with no query or fragment (put query ` +
        `parameters in { query }), got ${JSON.stringify(path)}. Nothing was sent.`,
    );
  }
  return path;
}

function checkMethod(method: unknown): string {
  const upper = typeof method === 'string' ? method.toUpperCase() : '';
  if (!METHODS.has(upper)) {
    throw new ClientConfigError(
      `The request option method must be one of get, post, put, patch, delete, got ${JSON.stringify(method)}.`,
    );
  }
  return upper;
}

function overridesOf(options: RequestOptions): RequestOverrides | undefined {
  const { method, path, query, body, headers, idempotencyKey, defaultBaseURL } = options;
  const hasQuery = 'query' in options;
  const hasBody = 'body' in options;
  if (
    method === undefined &&
    path === undefined &&
    !hasQuery &&
    !hasBody &&
    headers == null &&
    idempotencyKey === undefined &&
    defaultBaseURL === undefined
  ) {
    return undefined;
  }
  if (query != null && (typeof query !== 'object' || Array.isArray(query))) {
    throw new ClientConfigError(
      'The request option query must be an object of parameters. Nothing was sent.',
    );
  }
  if (idempotencyKey !== undefined && typeof idempotencyKey !== 'string') {
    throw new ClientConfigError('The request option idempotencyKey must be a string. Nothing was sent.');
  }
  let merged = headers == null ? undefined : normalizeHeaders(headers);
  if (idempotencyKey !== undefined) merged = { 'idempotency-key': idempotencyKey, ...merged };
  return {
    method: method === undefined ? undefined : checkMethod(method),
    path: path === undefined ? undefined : checkPath(path),
    query: query as Record<string, unknown> | null | undefined,
    hasQuery,
    body,
    hasBody,
    headers: merged,
    defaultBaseURL: defaultBaseURL === undefined ? undefined : checkBaseUrl(defaultBaseURL, 'defaultBaseURL'),
  };
}

/**
 * Checks one call's options, once, before anything is sent: an unknown field (a listing also knows `maxPages`
 * and `prefetch`), a bad `timeout` or `maxRetries`, a malformed `path`, `method`, `headers` or `defaultBaseURL`
 * is a ClientConfigError naming it. Returns what the request builder and the transport need.
 */
export function resolveRequestOptions(
  options: ListRequestOptions | null | undefined,
  kind: 'call' | 'listing' = 'call',
): ResolvedRequestOptions {
  if (options == null) return NO_OPTIONS;
  if (typeof options !== 'object') {
    throw new ClientConfigError(`Request options must be an object, got ${typeof options}.`);
  }
  const listing = kind === 'listing';
  rejectUnknown(options, listing ? KNOWN_LIST : KNOWN_CALL, listing ? LIST_FIELDS : CALL_FIELDS);
  checkRetryOptions(options);
  const { signal, maxRetries, timeout, streamTimeout, fetchOptions, maxPages, prefetch = false } = options;
  if (signal != null && !(signal instanceof AbortSignal)) {
    throw new ClientConfigError('The request option signal must be an AbortSignal. Nothing was sent.');
  }
  if (fetchOptions !== undefined && (typeof fetchOptions !== 'object' || fetchOptions === null)) {
    throw new ClientConfigError(
      'The request option fetchOptions must be a RequestInit object. Nothing was sent.',
    );
  }
  if (maxPages !== undefined && !(maxPages >= 1)) {
    throw new ClientConfigError(`maxPages must be at least 1, got ${maxPages}.`);
  }
  return {
    call: { signal: signal ?? undefined, maxRetries, timeout, streamTimeout, fetchOptions },
    overrides: overridesOf(options),
    maxPages,
    prefetch: Boolean(prefetch),
  };
}
