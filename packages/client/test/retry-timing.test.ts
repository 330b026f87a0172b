// Retry timing is pure: every decision follows from the outcome, the policy, a random number and the time, so
// these tests need no server and no clock.
import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  backoffDelay,
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  type RetryContext,
  requestedWait,
  retryDelay,
} from '../src/retry-timing.js';

const NOW = Date.parse('2026-10-21T07:28:00Z');
const headers = (init: Record<string, string> = {}) => new Headers(init);
const response = (status: number, init?: Record<string, string>): AttemptOutcome => ({
  response: { status, headers: headers(init) },
});
const context = (overrides: Partial<RetryContext> = {}): RetryContext => ({
  retry: 0,
  policy: DEFAULT_RETRY_POLICY,
  random: 0,
  now: NOW,
  idempotent: true,
  ...overrides,
});
const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });

describe('requestedWait', () => {
  it.each([
    ['retry-after-ms wins over Retry-After', { 'retry-after-ms': '150', 'retry-after': '30' }, 150],
    ['Retry-After in seconds', { 'retry-after': '2' }, 2_000],
    ['Retry-After in fractional seconds', { 'retry-after': '0.5' }, 500],
    ['Retry-After as an HTTP date', { 'retry-after': 'Wed, 21 Oct 2026 07:28:03 GMT' }, 3_000],
    ['a date in the past means now', { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 0],
    ['a negative number means now', { 'retry-after': '-5' }, 0],
    ['nothing asked', {}, undefined],
    ['a value that is neither', { 'retry-after': 'soon' }, undefined],
    ['a blank value', { 'retry-after': ' ' }, undefined],
  ])('%s', (_label, init, expected) => {
    expect(requestedWait(headers(init), NOW)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  const backoff = DEFAULT_RETRY_POLICY.retryBackoff;

  it('doubles from 0.5 s and stops at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((retry) => backoffDelay(retry, backoff, 0))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });

  it('takes up to 25% off for jitter', () => {
    expect(backoffDelay(1, backoff, 0.5)).toBe(875);
    expect(backoffDelay(1, backoff, 0.999_999)).toBeCloseTo(750, 2);
  });
});

describe('retryDelay', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries a %i after the backoff', (status) => {
    expect(retryDelay(response(status), context({ retry: 1 }))).toBe(1_000);
  });

  it.each([200, 204, 301, 400, 401, 403, 404, 422])('does not retry a %i', (status) => {
    expect(retryDelay(response(status), context())).toBeUndefined();
  });

  it('waits what the server asks instead of the backoff', () => {
    expect(retryDelay(response(503, { 'retry-after': '3' }), context())).toBe(3_000);
  });

  it('refuses a wait longer than maxRetryWait, so the caller gets the error at once', () => {
    expect(retryDelay(response(429, { 'retry-after': '3600' }), context())).toBeUndefined();
    const patient = { ...DEFAULT_RETRY_POLICY, maxRetryWait: 3_600_000 };
    expect(retryDelay(response(429, { 'retry-after': '3600' }), context({ policy: patient }))).toBe(
      3_600_000,
    );
  });

  it('lets x-should-retry override the status either way, but never retries a success', () => {
    expect(retryDelay(response(503, { 'x-should-retry': 'false' }), context())).toBeUndefined();
    expect(retryDelay(response(400, { 'x-should-retry': 'true' }), context())).toBe(500);
    expect(retryDelay(response(200, { 'x-should-retry': 'true' }), context())).toBeUndefined();
  });

  it('stops when the retries are spent', () => {
    expect(retryDelay(response(503), context({ retry: 2 }))).toBeUndefined();
    const none = { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };
    expect(retryDelay(response(503), context({ policy: none }))).toBeUndefined();
  });

  it('retries connection failures and timeouts, but not a failure that would come back every time', () => {
    const reset = classifyFailure(fetchFailed({ code: 'ECONNRESET' }), false);
    const timedOut = classifyFailure(new DOMException('timed out', 'TimeoutError'), true);
    const badPort = classifyFailure(fetchFailed(new Error('bad port')), false);
    expect(retryDelay({ failure: reset }, context())).toBe(500);
    expect(retryDelay({ failure: timedOut }, context())).toBe(500);
    expect(retryDelay({ failure: badPort }, context())).toBeUndefined();
  });

  describe('for a request that must not be sent twice', () => {
    const once = context({ idempotent: false });

    it('retries only when the request surely never reached the server', () => {
      const refused = classifyFailure(fetchFailed({ code: 'ECONNREFUSED' }), false);
      const noName = classifyFailure(fetchFailed({ code: 'ENOTFOUND' }), false);
      const reset = classifyFailure(fetchFailed({ code: 'ECONNRESET' }), false);
      const timedOut = classifyFailure(new DOMException('timed out', 'TimeoutError'), true);
      expect(retryDelay({ failure: refused }, once)).toBe(500);
      expect(retryDelay({ failure: noName }, once)).toBe(500);
      expect(retryDelay({ failure: reset }, once)).toBeUndefined();
      expect(retryDelay({ failure: timedOut }, once)).toBeUndefined();
    });

    it('retries a 429 or 503 only when the server says when, or any status it explicitly asks to', () => {
      expect(retryDelay(response(503), once)).toBeUndefined();
      expect(retryDelay(response(500, { 'retry-after': '1' }), once)).toBeUndefined();
      expect(retryDelay(response(503, { 'retry-after': '1' }), once)).toBe(1_000);
      expect(retryDelay(response(429, { 'retry-after-ms': '20' }), once)).toBe(20);
      expect(retryDelay(response(500, { 'x-should-retry': 'true' }), once)).toBe(500);
    });
  });
});

describe('classifyFailure', () => {
  it.each([
    ['a refused connection', fetchFailed({ code: 'ECONNREFUSED' }), { notSent: true, permanent: false }],
    ['a name that does not resolve', fetchFailed({ code: 'ENOTFOUND' }), { notSent: true, permanent: false }],
    ['a reset connection', fetchFailed({ code: 'ECONNRESET' }), { notSent: false, permanent: false }],
    ['a port fetch refuses', fetchFailed(new Error('bad port')), { notSent: true, permanent: true }],
    ['something unknown', new Error('boom'), { notSent: false, permanent: false }],
  ])('%s', (_label, error, expected) => {
    expect(classifyFailure(error, false)).toEqual({ timedOut: false, ...expected });
  });
});
