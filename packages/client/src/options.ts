// The client's options: what a caller may pass, and what the client works with once they are resolved (see
// resolve-options.ts, where defaults are applied and every value is checked).
import type { ClientLog, Logger, LogLevel } from './logging.js';
import type { RetryPolicy } from './retry-timing.js';

/** The LlamaCloud API's default region. */
export const DEFAULT_BASE_URL = 'https://api.cloud.llamaindex.ai';
/** The LlamaCloud API's EU region. */
export const EU_BASE_URL = 'https://api.cloud.eu.llamaindex.ai';

/** The clock, sleep, randomness and timers the client uses: retries' waits, and every timeout. */
export interface RetryTimers {
  /** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `callback` once after `ms` unless the returned function is called first: the timer of an attempt's
   * `timeout`, of a stream's idle `timeout` between bytes and of its `streamTimeout`.
   */
  schedule(ms: number, callback: () => void): () => void;
  /** A number in [0, 1), for the backoff's jitter. */
  random(): number;
  /** Milliseconds since the epoch, for `Retry-After` dates. */
  now(): number;
}

/** Options shared by `createClient()` and `new LlamaCloud()`. */
export interface ClientOptions {
  /**
   * API key, sent only as `Authorization: Bearer <key>`.
   * @default process.env.LLAMA_CLOUD_API_KEY
   */
  apiKey?: string | null | undefined;
  /**
   * Base URL of the API, e.g. {@link EU_BASE_URL}; may include a path prefix.
   * @default process.env.LLAMA_CLOUD_BASE_URL, then {@link DEFAULT_BASE_URL}
   */
  baseURL?: string | null | undefined;
  /** @deprecated The same as `baseURL` (this client's first spelling); use `baseURL`. */
  baseUrl?: string | null | undefined;
  /**
   * The `fetch` to send requests with, called as `fetch(url, init)`: an instrumented one, or a test double.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** Extra `RequestInit` options for every `fetch` call (a `dispatcher`, say); method, headers and body are the client's. */
  fetchOptions?: RequestInit | undefined;
  /** Headers sent with every request; a `null` value removes a header the client would send. */
  defaultHeaders?: Record<string, string | null | undefined> | Headers | undefined;
  /** Query parameters sent with every request, after the call's own (which win). */
  defaultQuery?: Record<string, string | undefined> | undefined;
  /**
   * How much to log: `debug` (every request and response, credentials masked), `info` (a line per response),
   * `warn`, `error` or `off`. The API key is redacted from every line.
   * @default process.env.LLAMA_CLOUD_LOG, then 'warn'
   */
  logLevel?: LogLevel | undefined;
  /**
   * Where log lines go.
   * @default globalThis.console
   */
  logger?: Logger | undefined;
  /**
   * Retries after a failed attempt (connection errors, timeouts, 408, 409, 429, 5xx); 0 disables retrying.
   * Can be set per request too.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Milliseconds one attempt may take, reading the body included; for an event stream (a streamed chat turn),
   * the longest silence between two chunks of its body. Can be set per request too.
   * @default 60_000
   */
  timeout?: number | undefined;
  /**
   * Milliseconds a whole event stream (a streamed chat turn) may take, from sending the request to its last
   * event, however steadily bytes arrive; past it the stream is closed with a `TimeoutError` whose `limit` is
   * `'turn'`, and the turn is not sent again. Can be set per request too. Not in the official SDK.
   * @default 600_000 (10 minutes)
   */
  streamTimeout?: number | undefined;
  /**
   * The longest `Retry-After` (or `retry-after-ms`) the client sleeps through, in ms; a longer one fails at
   * once with a `RateLimitError` carrying the requested wait in `retryAfterMs`.
   * @default 60_000
   */
  maxRetryWait?: number | undefined;
  /**
   * Backoff when the server names no wait: retry n waits `min(initialMs · 2ⁿ, maxMs)`, less up to 25% jitter.
   * @default { initialMs: 500, maxMs: 8_000 }
   */
  retryBackoff?: { initialMs: number; maxMs: number } | undefined;
  /**
   * Replaces the sleep, randomness, clock and timers the client uses for retries and timeouts, e.g. to assert in
   * a test which waits the client chose, or to fire a stream's timeout, without waiting them.
   * @default real timers (setTimeout), Math.random and Date.now
   */
  retryTimers?: Partial<RetryTimers> | undefined;
  /**
   * The most bytes of one response body the client reads (a JSON answer, a page, an error), counted after any
   * gzip, deflate or br is undone; a larger body is a `ResponseTooLargeError`, read no further and not retried.
   * @default 33_554_432 (32 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * The most bytes of one event of an event stream (a streamed chat turn), and so of any one line of it; a
   * larger event is a `ResponseTooLargeError` and the stream is closed.
   * @default 8_388_608 (8 MiB)
   */
  maxEventBytes?: number | undefined;
}

/** How much of a response the client reads, in bytes. */
export interface ResponseLimits {
  /** One whole body. */
  body: number;
  /** One event of a stream, and so one line. */
  event: number;
}

/** @see ClientOptions.maxResponseBytes, ClientOptions.maxEventBytes */
export const DEFAULT_RESPONSE_LIMITS: ResponseLimits = { body: 32 * 2 ** 20, event: 8 * 2 ** 20 };

/** Options after defaults are applied and checked. */
export interface ResolvedClientOptions {
  /** Surrounding whitespace trimmed, as fetch would. */
  apiKey: string;
  /** What to scrub from responses and log lines: the key, or undefined for a key too short to scrub safely. */
  secret: string | undefined;
  /** Absolute, without a trailing slash. */
  baseUrl: string;
  /** The base URL as given (or from the environment, or the default), for `client.baseURL`. */
  baseURL: string;
  fetch: typeof globalThis.fetch;
  fetchOptions: RequestInit;
  /** Lower-case names; a null value removes the header. */
  defaultHeaders: Record<string, string | null>;
  /** Undefined when there is none. */
  defaultQuery: Record<string, string> | undefined;
  retry: RetryPolicy;
  /** Milliseconds a whole event stream may take, from request to last event. */
  streamTimeout: number;
  limits: ResponseLimits;
  timers: RetryTimers;
  log: ClientLog;
  logLevel: LogLevel;
  logger: Logger;
  /** The options as given, for `withOptions()` to merge over. */
  given: ClientOptions;
}

/** Retry options a single call may override. */
export interface CallRetryOptions {
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** Milliseconds per attempt (a stream's idle limit) for this call; overrides the client's `timeout`. */
  timeout?: number | undefined;
  /** Milliseconds a whole stream may take for this call; overrides the client's `streamTimeout`. */
  streamTimeout?: number | undefined;
}

/** @see ClientOptions.streamTimeout */
export const DEFAULT_STREAM_TIMEOUT = 600_000;
