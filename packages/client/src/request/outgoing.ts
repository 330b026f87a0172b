// The request value every way into the client builds (a method, a call by path, createClient(), a page), and the
// only thing the transport sends.
import type { RequestTarget } from '../errors/index.js';
import type { Operation } from '../operations/operation.js';

/** A call before it is built: what it names, in the spec's terms. */
export interface RequestSpec {
  /** Upper-case. */
  method: string;
  /** The spec's path template (`/api/v1/chat/{session_id}`), or a path to send as written. */
  path: string;
  /** Values for the template's placeholders. */
  pathValues?: Readonly<Record<string, unknown>> | undefined;
  query?: Record<string, unknown> | null | undefined;
  /** Sent as JSON; a string with its own content-type header is sent as it is. */
  body?: unknown;
  /** Lower-case names; a null value removes a header the client would send. */
  headers?: Record<string, string | null> | undefined;
  /** The operation the call is for, when the caller knows it; else it is looked up by method and path. */
  operation?: Operation | undefined;
}

/** One request, built and checked, ready to send. */
export interface OutgoingRequest {
  method: string;
  /** Absolute URL, query included. */
  url: string;
  /** `GET /api/v1/chat`, for messages. */
  target: RequestTarget;
  /** Lower-case names, over the client's; a null value removes a header the client would send. */
  headers?: Record<string, string | null> | undefined;
  body?: string | undefined;
  /** False for a request that must not be sent twice; see `retryDelay`. */
  idempotent: boolean;
  /**
   * For a request that must not be sent twice: what a caller should know when it may have reached the server
   * but no answer came (a timeout, a reset), e.g. "The session may or may not have been created".
   */
  uncertainOutcome?: string | undefined;
  /** False for a request never to be sent again once any answer came (a streamed chat turn). @default true */
  retryAnswered?: boolean | undefined;
}
