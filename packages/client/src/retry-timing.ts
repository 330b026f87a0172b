// When to retry and how long to wait: pure functions of what an attempt produced, the policy, a random number
// and the time, so the decisions are tested without clocks. transport.ts carries them out.

/** How the client retries. Every field is optional in the options; these are the defaults. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** Milliseconds one attempt may take, response body included. */
  timeout: number;
  /** The longest `Retry-After` honoured, in ms; a server asking for more gets an error at once instead. */
  maxRetryWait: number;
  /** Backoff before retry n (from 0) is `min(initialMs · 2ⁿ, maxMs)`, less up to 25% jitter. */
  retryBackoff: { initialMs: number; maxMs: number };
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  timeout: 60_000,
  maxRetryWait: 60_000,
  retryBackoff: { initialMs: 500, maxMs: 8_000 },
};

/** The wait a response asks for, in ms: `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date. */
export function requestedWait(headers: Headers, now: number): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Backoff before retry `retry` (from 0): `min(initialMs · 2ⁿ, maxMs)`, less `random` × 25%. */
export function backoffDelay(retry: number, backoff: RetryPolicy['retryBackoff'], random: number): number {
  return Math.min(backoff.initialMs * 2 ** retry, backoff.maxMs) * (1 - random * 0.25);
}

/** What a failed fetch (no response) says about the request. */
export interface NetworkFailure {
  /** The attempt's own timeout fired. */
  timedOut: boolean;
  /** The request surely never reached the server: the connection was refused or the name did not resolve. */
  notSent: boolean;
  /** Retrying cannot help: fetch refuses the URL itself (a port browsers block, say). */
  permanent: boolean;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** Classifies what fetch threw when the attempt's timeout did (`timedOut`) or did not fire. */
export function classifyFailure(error: unknown, timedOut: boolean): NetworkFailure {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  // undici's "bad port" (fetch's blocked-port list) and a URL it cannot fetch come back the same every time.
  const permanent = !code && (cause?.message === 'bad port' || cause?.message === 'invalid method');
  return { timedOut, notSent: NOT_SENT.has(code) || permanent, permanent };
}

/** What one attempt produced: a response (any status), or a network failure. */
export type AttemptOutcome =
  | { response: { status: number; headers: Headers }; failure?: undefined }
  | { response?: undefined; failure: NetworkFailure };

export interface RetryContext {
  /** Retries already made (0 before the first retry). */
  retry: number;
  policy: RetryPolicy;
  /** A number in [0, 1) for the jitter. */
  random: number;
  /** Milliseconds since the epoch, for `Retry-After` dates. */
  now: number;
  /**
   * False for a request that must not be sent twice (creating something): then only a request that surely
   * never reached the server, or a response that explicitly asks for a retry, is retried.
   */
  idempotent: boolean;
  /** False for a request never to be sent again once any answer came (a streamed chat turn). @default true */
  retryAnswered?: boolean | undefined;
}

const RETRYABLE_STATUS = (status: number) =>
  status === 408 || status === 409 || status === 429 || status >= 500;

/** Ms to wait before retrying, or undefined when this outcome must not be retried. */
export function retryDelay(outcome: AttemptOutcome, context: RetryContext): number | undefined {
  const { retry, policy, random, now, idempotent } = context;
  if (retry >= policy.maxRetries) return undefined;
  const backoff = () => backoffDelay(retry, policy.retryBackoff, random);
  if (outcome.failure) {
    const { permanent, notSent } = outcome.failure;
    if (permanent || (!idempotent && !notSent)) return undefined;
    return backoff();
  }
  const { status, headers } = outcome.response;
  if (status < 400 || context.retryAnswered === false) return undefined;
  const override = headers.get('x-should-retry');
  if (override === 'false') return undefined;
  const asked = requestedWait(headers, now);
  if (override !== 'true') {
    if (!RETRYABLE_STATUS(status)) return undefined;
    // A request that must not be repeated is retried only when the server says when (429, 503 + Retry-After).
    if (!idempotent && !((status === 429 || status === 503) && asked !== undefined)) return undefined;
  }
  if (asked !== undefined && asked > policy.maxRetryWait) return undefined;
  return asked ?? backoff();
}
