// What every operation of one client shares: its checked options, its transport, and how a request to one of
// the spec's paths is built. `new LlamaCloud()` and `createClient()` each make one.
import { type APIPromise, apiPromise } from './api-promise.js';
import {
  ClientConfigError,
  InvalidRequestError,
  type ListingContext,
  MalformedResponseError,
  type RequestTarget,
} from './errors/index.js';
import {
  type ClientOptions,
  DEFAULT_BASE_URL,
  type ResolvedClientOptions,
  resolveClientOptions,
} from './options.js';
import { checkedQuerySerializer, checkQuery, type QueryParameters } from './request-checks.js';
import { type RequestOptions, type RequestOverrides, resolveRequestOptions } from './request-options.js';
import { type Exchange, type OpenedStream, type OutgoingRequest, Transport } from './transport.js';

/** Marks an openapi-fetch client made by `createClient()` with the core it sends through. */
export const CORE = Symbol('llamacloud-chat.core');

/** What a request to one operation carries besides its method and path. */
export interface OperationInput {
  /** Values for the path's `{placeholders}`; each is escaped as exactly one path segment. */
  path?: Record<string, string> | undefined;
  query?: Record<string, unknown> | null | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** The operation's query parameters, to check `query` against (else they are looked up by method and path). */
  queryParams?: QueryParameters | undefined;
  /** Lower-case names. */
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

/** Methods a retry cannot repeat harmfully; a POST or PATCH may have taken effect before the failure. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** A body as the SDK sends it: a string with its own content-type as it is, anything else as JSON. */
function encodeBody(
  body: unknown,
  headers: Record<string, string | null> | undefined,
): { text: string | undefined; json: boolean } {
  if (body === undefined) return { text: undefined, json: false };
  if (typeof body === 'string' && headers?.['content-type']) return { text: body, json: false };
  return { text: JSON.stringify(body), json: true };
}

/** What a call by method and path resolves to: JSON when the response says so, no body as null, else text. */
function parsedBody(target: RequestTarget, exchange: Exchange): unknown {
  const { response, text } = exchange;
  if (response.status === 204 || text === '') return null;
  if (!/\bjson\b/i.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedResponseError(target, response, 'the body is not JSON', text, {}, 'JSON body');
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
   * against the spec (nothing is sent if it fails), the body as JSON. A call's `overrides` (its `method`,
   * `path`, `query`, `body`, `headers`, `defaultBaseURL`) replace the operation's.
   */
  request(
    method: string,
    template: string,
    input: OperationInput = {},
    context?: ListingContext,
    overrides?: RequestOverrides,
  ): OutgoingRequest {
    if (overrides) return this.#overridden(method, template, input, context, overrides);
    const query = input.query ?? {};
    const search = checkedQuerySerializer(query, context);
    checkQuery(method, template, query, context, input.queryParams);
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

  /** `request()` with a call's overrides applied: the SDK's rule, where a call's options win. */
  #overridden(
    operationMethod: string,
    template: string,
    input: OperationInput,
    context: ListingContext | undefined,
    overrides: RequestOverrides,
  ): OutgoingRequest {
    const method = overrides.method ?? operationMethod;
    const query = ((overrides.hasQuery ? overrides.query : input.query) ?? {}) as Record<string, unknown>;
    const search = checkedQuerySerializer(query, context);
    // A call that keeps the operation's method and path is checked against its own parameters; another is looked up.
    checkQuery(
      method,
      overrides.path ?? template,
      query,
      context,
      overrides.path || overrides.method ? undefined : input.queryParams,
    );
    const path =
      overrides.path ??
      template.replace(/\{(\w+)\}/g, (_, name: string) => pathSegment(name, input.path?.[name], context));
    const headers: Record<string, string | null> = { ...input.headers, ...overrides.headers };
    const body = encodeBody(overrides.hasBody ? overrides.body : input.body, headers);
    if (body.json && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    // The SDK's rule: a call's defaultBaseURL applies only when the client was left on the default.
    const base =
      overrides.defaultBaseURL !== undefined && this.options.baseUrl === DEFAULT_BASE_URL
        ? overrides.defaultBaseURL
        : this.options.baseUrl;
    const sameMethod = method === operationMethod;
    return {
      method,
      url: `${base}${path}${search ? `?${search}` : ''}`,
      target: `${method} ${path}` as RequestTarget,
      headers,
      body: body.text,
      idempotent: sameMethod ? input.idempotent : IDEMPOTENT_METHODS.has(method),
      uncertainOutcome: sameMethod ? input.uncertainOutcome : undefined,
      retryAnswered: sameMethod ? input.retryAnswered : undefined,
    };
  }

  /**
   * Sends the operation `method template` with a call's options (checked first: a bad one rejects before
   * anything is sent); a non-2xx status rejects with the `APIError` that names it.
   */
  async send(
    method: string,
    template: string,
    input: OperationInput,
    options: RequestOptions | null | undefined,
  ): Promise<{ request: OutgoingRequest; exchange: Exchange }> {
    const { call, overrides } = resolveRequestOptions(options);
    const request = this.request(method, template, input, undefined, overrides);
    return { request, exchange: await this.transport.request(request, call) };
  }

  /** Like `send`, but a 2xx is handed over with its body unread, for a stream. */
  async open(
    method: string,
    template: string,
    input: OperationInput,
    options: RequestOptions | null | undefined,
  ): Promise<{ request: OutgoingRequest; opened: OpenedStream; signal: AbortSignal | undefined }> {
    const { call, overrides } = resolveRequestOptions(options);
    const request = this.request(method, template, input, undefined, overrides);
    return { request, opened: await this.transport.open(request, call), signal: call.signal };
  }

  /**
   * Any request by method and path, the SDK's `client.request()` (and `get()` and the rest): the same transport
   * (key, retries, timeouts, redaction, logging, typed errors). Resolves to the parsed body. A POST or PATCH is
   * retried only when it surely never reached the server, as `create` is.
   */
  call<T = unknown>(options: RequestOptions): APIPromise<T> {
    const run = async () => {
      if (options?.method === undefined || options.path === undefined) {
        throw new ClientConfigError(
          'A request needs { method, path }, e.g. client.request({ method: "get", path: "/api/v1/chat" }).',
        );
      }
      const method = String(options.method).toUpperCase();
      const input = { idempotent: IDEMPOTENT_METHODS.has(method) };
      const { request, exchange } = await this.send(method, options.path, input, options);
      const data = parsedBody(request.target, exchange) as T;
      return { data, response: exchange.response, text: exchange.text };
    };
    return apiPromise(run());
  }
}
