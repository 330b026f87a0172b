// What every operation of one client shares: its checked options, its transport, and how a request to one of
// the spec's paths is built. `new LlamaCloud()` and `createClient()` each make one.
import { InvalidRequestError, type ListingContext, type RequestTarget } from './errors/index.js';
import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './options.js';
import { checkedQuerySerializer, checkQuery } from './request-checks.js';
import { type OutgoingRequest, Transport } from './transport.js';

/** Marks an openapi-fetch client made by `createClient()` with the core it sends through. */
export const CORE = Symbol('llamacloud-chat.core');

/** What a request to one operation carries besides its method and path. */
export interface OperationInput {
  /** Values for the path's `{placeholders}`; each is escaped as exactly one path segment. */
  path?: Record<string, string> | undefined;
  query?: Record<string, unknown> | null | undefined;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string> | undefined;
  /** False for an operation that must never be sent twice (see `retryDelay`). @default true */
  idempotent?: boolean | undefined;
  /** See `OutgoingRequest.uncertainOutcome`. */
  uncertainOutcome?: string | undefined;
  /** See `OutgoingRequest.retryAnswered`. */
  retryAnswered?: boolean | undefined;
}

/**
 * `value` as one path segment: everything but RFC 3986's path characters is percent-encoded (the official SDK's
 * rule), so `/`, `?` and `#` can never start another segment, a query or a fragment. `.` and `..` cannot be
 * sent as a segment at all (URL parsers resolve them), nor can an empty one.
 */
export function pathSegment(name: string, value: unknown, context?: ListingContext): string {
  if (typeof value !== 'string') {
    throw new InvalidRequestError(
      `${name} must be a string, got ${value === null ? 'null' : typeof value}.`,
      context,
    );
  }
  if (value === '' || value === '.' || value === '..') {
    throw new InvalidRequestError(
      `${name} ${JSON.stringify(value)} cannot be sent as a path segment; nothing was sent.`,
      context,
    );
  }
  try {
    return value.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]+/g, encodeURIComponent);
  } catch {
    throw new InvalidRequestError(
      `${name} is not well-formed text (it holds a lone UTF-16 surrogate).`,
      context,
    );
  }
}

export class ClientCore {
  readonly options: ResolvedClientOptions;
  readonly transport: Transport;

  constructor(options: ClientOptions = {}) {
    this.options = resolveClientOptions(options);
    this.transport = new Transport(this.options);
  }

  /**
   * A request to the spec operation `method template`, ready to send: path values escaped, the query checked
   * against the spec (nothing is sent if it fails), the body as JSON.
   */
  request(
    method: string,
    template: string,
    input: OperationInput = {},
    context?: ListingContext,
  ): OutgoingRequest {
    const query = input.query ?? {};
    const search = checkedQuerySerializer(query, context);
    checkQuery(method, template, query, context);
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      pathSegment(name, input.path?.[name], context),
    );
    const json = input.body === undefined ? undefined : JSON.stringify(input.body);
    return {
      method,
      url: `${this.options.baseUrl}${path}${search ? `?${search}` : ''}`,
      target: `${method} ${path}` as RequestTarget,
      headers: json === undefined ? input.headers : { 'content-type': 'application/json', ...input.headers },
      body: json,
      idempotent: input.idempotent,
      uncertainOutcome: input.uncertainOutcome,
      retryAnswered: input.retryAnswered,
    };
  }
}
