// A fetch for the client under test that records each exchange with Prism's verdict on it, and can steer the
// Prism mock with a `Prefer` header. The client is handed this fetch; it never learns about Prism.
import { recordAnswer } from './coverage.js';
import { decodeViolations, type Violation } from './violations.js';

/** One request and Prism's verdict on it. */
export interface Exchange {
  method: string;
  /** Path and query, e.g. `/api/v1/chat?page_size=1`. Never the key, which travels only in a header. */
  target: string;
  /** The request body as sent ('' when there was none). */
  requestBody: string;
  status: number;
  contentType: string | null;
  violations: Violation[];
}

export interface HarnessOptions {
  /** A `Prefer` header for every request, e.g. `dynamic=true, seed=7` or `code=401`. */
  prefer?: string;
  /**
   * An `Accept` header for every request, in place of the client's. Only to steer Prism: asked for an error
   * with `Prefer: code=404` by a request that accepts only `text/event-stream` (as a stream's does), Prism
   * answers the 200 stream instead, as the error's media type is not acceptable.
   */
  accept?: string;
}

export interface Harness {
  fetch: typeof globalThis.fetch;
  exchanges: Exchange[];
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const exchanges: Exchange[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (options.prefer) request.headers.set('prefer', options.prefer);
    if (options.accept) request.headers.set('accept', options.accept);
    const requestBody = await request.clone().text();
    const response = await globalThis.fetch(request);
    exchanges.push({
      method: request.method,
      target: url.pathname + url.search,
      requestBody,
      status: response.status,
      contentType: response.headers.get('content-type'),
      violations: decodeViolations(response.headers.get('sl-violations')),
    });
    return recordAnswer(request.method, url.pathname + url.search, response);
  };
  return { fetch: fetch as typeof globalThis.fetch, exchanges };
}
