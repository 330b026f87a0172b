// The one request builder: a call of any kind (a generated method, a verb or `client.request()` by path, an
// openapi-fetch call, a listing's next page) becomes one OutgoingRequest here, with the call's overrides applied
// once, the path filled in by the one path function, the query checked against the operation's parameters, and
// whether it may be sent twice decided by one rule.
import type { ListingContext, RequestTarget } from '../errors/index.js';
import type { Operation } from '../operations/operation.js';
import { DEFAULT_BASE_URL } from '../options.js';
import type { RequestOverrides } from '../request-options.js';
import type { OperationIndex } from './operation-index.js';
import type { OutgoingRequest, RequestSpec } from './outgoing.js';
import { fillPath } from './path.js';
import { checkedQuerySerializer, checkQuery } from './query-checks.js';
import { checkUrlLength } from './url-limit.js';

/** Said when a request that must not be sent twice may have reached the server and no answer came. */
const UNCERTAIN =
  'The request may have reached the server, so it may or may not have taken effect: check before sending it again.';

/** Methods a retry cannot repeat harmfully, for a request no operation of the table describes. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** What an operation's answer is read as, asked for in `accept`. */
const ACCEPT: Partial<Record<Operation['reads'], string>> = {
  // Error statuses answer in JSON.
  events: 'text/event-stream, application/json',
  // As the official SDK does: the success has no body.
  none: '*/*',
};

/** What the builder needs of its client. */
export interface BuildContext {
  /** Absolute, without a trailing slash. */
  baseUrl: string;
  /** The client's `defaultQuery`: sent with every request after the call's own, which win. */
  defaultQuery?: Readonly<Record<string, string>> | undefined;
  operations: OperationIndex;
}

/** `search` with each of `defaults` that `query` does not give appended. */
function withDefaults(
  search: string,
  query: Record<string, unknown>,
  defaults: Readonly<Record<string, string>>,
): string {
  let extra = '';
  for (const name in defaults) {
    if (query[name] == null)
      extra += `&${encodeURIComponent(name)}=${encodeURIComponent(defaults[name] as string)}`;
  }
  return search ? search + extra : extra.slice(1);
}

/** A body as the SDK sends it: a string with its own content-type as it is, anything else as JSON. */
function encodeBody(body: unknown, headers: Record<string, string | null>): string | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' && headers['content-type']) return body;
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}

/** `spec` as a request to send, `overrides` (a call's method, path, query, body, headers, base URL) applied. */
export function buildRequest(
  client: BuildContext,
  spec: RequestSpec,
  overrides?: RequestOverrides,
  context?: ListingContext,
): OutgoingRequest {
  const method = overrides?.method ?? spec.method;
  const moved = overrides?.path !== undefined || method !== spec.method;
  const template = overrides?.path ?? spec.path;
  const operation = moved || !spec.operation ? client.operations.find(method, template) : spec.operation;
  const query = ((overrides?.hasQuery ? overrides.query : spec.query) ?? {}) as Record<string, unknown>;
  const own = checkedQuerySerializer(query, context);
  const search = client.defaultQuery ? withDefaults(own, query, client.defaultQuery) : own;
  // A path the call gave is sent as written; the operation's template is filled in.
  const path = overrides?.path ?? fillPath(spec.path, spec.pathValues, context);
  const target = `${method} ${operation?.path ?? path}` as RequestTarget;
  checkQuery(target, query, operation?.query, context);
  const headers: Record<string, string | null> = {};
  const accept = operation && ACCEPT[operation.reads];
  if (accept) headers.accept = accept;
  Object.assign(headers, spec.headers, overrides?.headers);
  const body = encodeBody(overrides?.hasBody ? overrides.body : spec.body, headers);
  // The SDK's rule: a call's defaultBaseURL applies only when the client was left on the default.
  const base =
    overrides?.defaultBaseURL !== undefined && client.baseUrl === DEFAULT_BASE_URL
      ? overrides.defaultBaseURL
      : client.baseUrl;
  const idempotent = operation ? operation.idempotent : IDEMPOTENT_METHODS.has(method);
  const url = `${base}${path}${search ? `?${search}` : ''}`;
  checkUrlLength(
    url,
    target,
    {
      pathValues: overrides?.path === undefined ? spec.pathValues : undefined,
      path: overrides?.path,
      query: client.defaultQuery ? { ...client.defaultQuery, ...query } : query,
    },
    context,
  );
  return {
    method,
    url,
    target: `${method} ${path}` as RequestTarget,
    headers,
    body,
    idempotent,
    uncertainOutcome: idempotent ? undefined : (operation?.uncertain ?? UNCERTAIN),
    // A stream that answered is never sent again: it may have run.
    retryAnswered: operation?.reads === 'events' ? false : undefined,
  };
}
