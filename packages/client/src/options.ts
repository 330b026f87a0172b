// Client options and how they default from the environment.
import { ClientConfigError } from './errors.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

/** The LlamaCloud API's default region. */
export const DEFAULT_BASE_URL = 'https://api.cloud.llamaindex.ai';
/** The LlamaCloud API's EU region. */
export const EU_BASE_URL = 'https://api.cloud.eu.llamaindex.ai';

/** Options shared by `createClient()` and `new LlamaCloud()`. */
export interface ClientOptions {
  /**
   * API key, sent only as `Authorization: Bearer <key>`.
   * @default process.env.LLAMA_CLOUD_API_KEY
   */
  apiKey?: string | null | undefined;
  /**
   * Origin of the API, e.g. {@link EU_BASE_URL}.
   * @default process.env.LLAMA_CLOUD_BASE_URL, then {@link DEFAULT_BASE_URL}
   */
  baseUrl?: string | null | undefined;
  /**
   * The `fetch` to send requests with, e.g. a mock in tests or an instrumented one.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Retries after a failed attempt (connection errors, timeouts, 408, 409, 429, 5xx); 0 disables retrying.
   * Can be set per request too.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Milliseconds one attempt may take, reading the body included. Can be set per request too.
   * @default 60_000
   */
  timeout?: number | undefined;
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
}

/** Options after defaults are applied and checked. */
export interface ResolvedClientOptions {
  apiKey: string;
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
}

/** The longest delay a timer can hold (2³¹ − 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** Checks a count or duration option: a finite number from `min` to `max`. */
export function checkNumber(
  name: string,
  value: number | undefined,
  min: number,
  integer = false,
  max = Number.POSITIVE_INFINITY,
): void {
  const valid = Number.isFinite(value) && (value as number) >= min && (value as number) <= max;
  if (value !== undefined && !(valid && (!integer || Number.isInteger(value)))) {
    const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new ClientConfigError(
      `${name} must be ${integer ? 'an integer' : 'a number'} ${range}, got ${value}.`,
    );
  }
}

function env(name: string): string | undefined {
  // `process` is absent in browsers and some edge runtimes; there, options must be passed explicitly.
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** Applies the environment defaults and rejects options no request could succeed with. */
export function resolveClientOptions(options: ClientOptions = {}): ResolvedClientOptions {
  const apiKey = options.apiKey ?? env('LLAMA_CLOUD_API_KEY');
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new ClientConfigError(
      'No LlamaCloud API key: set the LLAMA_CLOUD_API_KEY environment variable or pass { apiKey }.',
    );
  }
  // A header carries printable ASCII only; say so without echoing the key.
  if (/[^\x21-\x7e]/.test(apiKey)) {
    throw new ClientConfigError(
      'The API key has whitespace, control or non-ASCII characters (a pasted dash or space?); copy it again without them.',
    );
  }

  const baseUrl = options.baseUrl || env('LLAMA_CLOUD_BASE_URL') || DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  // Credentials or a query in the base URL would end up in every request's URL and in error messages.
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new ClientConfigError(
      `Invalid base URL "${url ? url.origin + url.pathname : baseUrl}": use an absolute http(s) URL with no ` +
        `credentials, query or fragment, like ${DEFAULT_BASE_URL}.`,
    );
  }

  checkNumber('maxRetries', options.maxRetries, 0, true);
  checkNumber('timeout', options.timeout, 1, false, MAX_DELAY_MS);
  checkNumber('maxRetryWait', options.maxRetryWait, 0, false, MAX_DELAY_MS);
  const backoff = options.retryBackoff;
  checkNumber('retryBackoff.initialMs', backoff && (backoff.initialMs ?? Number.NaN), 0, false, MAX_DELAY_MS);
  checkNumber(
    'retryBackoff.maxMs',
    backoff && (backoff.maxMs ?? Number.NaN),
    backoff?.initialMs ?? 0,
    false,
    MAX_DELAY_MS,
  );
  const retry: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    timeout: options.timeout ?? DEFAULT_RETRY_POLICY.timeout,
    maxRetryWait: options.maxRetryWait ?? DEFAULT_RETRY_POLICY.maxRetryWait,
    retryBackoff: options.retryBackoff ?? DEFAULT_RETRY_POLICY.retryBackoff,
  };
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return { apiKey, baseUrl: url.href.replace(/\/+$/, ''), fetch: fetchImpl, retry };
}
