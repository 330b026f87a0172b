// Retries and timeouts, as a `fetch` for openapi-fetch to call: each attempt has its own timeout (covering the
// body too), transient failures are retried with capped exponential backoff or the server's Retry-After, and the
// caller's AbortSignal cuts through every state, backoff sleeps included.
import { AbortedError, ConnectionError, type RequestTarget, TimeoutError } from './errors.js';
import { attemptsOf, bodyTextOf, requestedWait, secretOf } from './response-info.js';

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

/** Per-request overrides, set through the request init (openapi-fetch copies unknown init keys onto the Request). */
export interface RequestRetryOptions {
  maxRetries?: number | undefined;
  timeout?: number | undefined;
}

/** Set by a caller that reads a 2xx body from `bodyTextOf` and never from the Response itself. */
export interface TextBodyOption {
  textBodyOnly?: boolean;
}

const RETRYABLE_STATUS = (status: number) =>
  status === 408 || status === 409 || status === 429 || status >= 500;
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

function backoff(retry: number, { initialMs, maxMs }: RetryPolicy['retryBackoff']): number {
  return Math.min(initialMs * 2 ** retry, maxMs) * (1 - Math.random() * 0.25);
}

/** Ms to wait before retrying, or undefined when this outcome must not be retried. */
function retryWait(response: Response | undefined, retry: number, policy: RetryPolicy): number | undefined {
  if (!response) return backoff(retry, policy.retryBackoff);
  if (response.ok) return undefined;
  const override = response.headers.get('x-should-retry');
  if (override === 'false' || (override !== 'true' && !RETRYABLE_STATUS(response.status))) return undefined;
  const asked = requestedWait(response.headers);
  if (asked !== undefined && asked > policy.maxRetryWait) return undefined;
  return asked ?? backoff(retry, policy.retryBackoff);
}

function sleep(ms: number, signal: AbortSignal, target: RequestTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new AbortedError(target, signal.reason));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(target, signal.reason));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `response`, its body read as text (kept in `bodyTextOf`), without headers that echo the key, and with an
 * error body scrubbed of it. Building a new Response costs more than the rest of a page's handling, so a
 * caller that reads only `bodyTextOf` (pagination) gets the original back for a 2xx.
 */
function settled(response: Response, text: string, secret: string, textBodyOnly: boolean): Response {
  const entries = [...response.headers];
  const echoes = entries.some(([, value]) => value.includes(secret));
  let settledResponse = response;
  let body: string | null = NULL_BODY_STATUS.has(response.status) ? null : text;
  if (echoes || !response.ok || !textBodyOnly) {
    if (body !== null && !response.ok) body = body.replaceAll(secret, '[redacted]');
    const headers = echoes
      ? new Headers(entries.filter(([, value]) => !value.includes(secret)))
      : response.headers;
    settledResponse = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
    Object.defineProperty(settledResponse, 'url', { value: response.url });
  }
  secretOf.set(settledResponse, secret);
  if (body !== null) bodyTextOf.set(settledResponse, body);
  return settledResponse;
}

/**
 * Wraps `fetchImpl` with the retry policy. Throws `ConnectionError`, `TimeoutError` or `AbortedError` when no
 * response came; returns the last response otherwise, even an error status, for openapi-fetch to decode.
 */
export function retryingFetch(
  fetchImpl: typeof globalThis.fetch,
  policy: RetryPolicy,
  secret: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const extras = request as Request & RequestRetryOptions & TextBodyOption;
    const maxRetries = extras.maxRetries ?? policy.maxRetries;
    const timeout = extras.timeout ?? policy.timeout;
    const target = () => `${request.method} ${new URL(request.url).pathname}` as RequestTarget;
    const caller = request.signal;
    for (let attempt = 1; ; attempt++) {
      if (caller.aborted) throw new AbortedError(target(), caller.reason);
      const controller = new AbortController();
      const onAbort = () => controller.abort(caller.reason);
      caller.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(
        () => controller.abort(new DOMException('timed out', 'TimeoutError')),
        timeout,
      );
      let response: Response | undefined;
      let failure: Error | undefined;
      try {
        // A body can be sent once; every attempt but the last sends a copy.
        const sent = request.body !== null && attempt <= maxRetries ? request.clone() : request;
        const raw = await fetchImpl(sent, { signal: controller.signal });
        response = settled(raw, await raw.text(), secret, extras.textBodyOnly === true);
      } catch (error) {
        if (caller.aborted) throw new AbortedError(target(), caller.reason);
        failure = controller.signal.aborted
          ? new TimeoutError(target(), timeout, attempt, error)
          : new ConnectionError(target(), error, attempt);
      } finally {
        clearTimeout(timer);
        caller.removeEventListener('abort', onAbort);
      }
      const wait = attempt > maxRetries ? undefined : retryWait(response, attempt - 1, policy);
      if (wait === undefined) {
        if (failure) throw failure;
        attemptsOf.set(response as Response, attempt);
        return response as Response;
      }
      await sleep(wait, caller, target());
    }
  };
}
