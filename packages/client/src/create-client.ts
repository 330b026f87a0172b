// createClient(): a typed openapi-fetch client for every path of a spec, each call built by the client's one
// request builder (path filled in, query checked against the operation, the operation's idempotency) and sent
// through its one `run` (key, retries, timeouts, redaction, limits). openapi-fetch keeps what it is good at: the
// typed call, middleware, and reading the answer for the caller.
import createFetchClient, { type Client } from 'openapi-fetch';
import { ClientCore, CORE } from './client-core.js';
import type { paths } from './generated/openapi.js';
import { workspaceOperations } from './llama-cloud.js';
import type { Operation } from './operations/operation.js';
import type { ClientOptions } from './options.js';
import { fillPath } from './request/path.js';
import { checkedQuerySerializer } from './request/query-checks.js';
import { withBody } from './response-body.js';

/** A typed openapi-fetch client over a spec's `paths`, sending through this package's core. */
export type LlamaCloudClient<Paths extends {} = paths> = Client<Paths> & { readonly [CORE]: unknown };

/** What openapi-fetch hands a call's fetch: the call's `params`, among its other options. */
interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  fetch?: (request: Request) => Promise<Response>;
}

const VERBS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** The fetch for one openapi-fetch call of `method schemaPath`: the request rebuilt by the core and run. */
function callFetch(core: ClientCore, method: string, schemaPath: string, init: CallInit | undefined) {
  return async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const outgoing = core.build({
      method,
      path: schemaPath,
      pathValues: init?.params?.path,
      query: init?.params?.query,
      // As openapi-fetch serialised it (and any middleware changed it), with its content-type.
      body: request.body === null ? undefined : await request.text(),
      headers,
    });
    const { response, text } = await core.run(outgoing, { signal: request.signal }, 'answer');
    return withBody(response, text);
  };
}

/**
 * Creates a typed client for the LlamaCloud chat API, or (with a generated `paths` type and its `operationList`)
 * for any spec. Throws {@link ClientConfigError} when no API key is set or the base URL is malformed.
 */
export function createClient<Paths extends {} = paths>(
  options: ClientOptions = {},
  operations: Iterable<Operation> = workspaceOperations,
): LlamaCloudClient<Paths> {
  const core = new ClientCore(options, operations);
  const client = createFetchClient<Paths>({
    baseUrl: core.options.baseUrl,
    // openapi-fetch's own URL is not sent; these make its checks and errors the core's before any middleware.
    querySerializer: checkedQuerySerializer,
    pathSerializer: (url, values) => fillPath(url, values),
  }) as unknown as Record<string, unknown>;
  const call = client as unknown as Record<string, (path: string, init?: CallInit) => Promise<unknown>>;
  for (const verb of VERBS) {
    const send = call[verb]?.bind(client);
    if (!send) continue;
    client[verb] = (path: string, init?: CallInit) =>
      send(path, { ...init, fetch: callFetch(core, verb, path, init) });
  }
  const request = call.request as unknown as (m: string, p: string, i?: CallInit) => Promise<unknown>;
  client.request = (method: string, path: string, init?: CallInit) =>
    request(method, path, { ...init, fetch: callFetch(core, method.toUpperCase(), path, init) });
  // paginate() recognises the client by its core and pages through it directly.
  Object.defineProperty(client, CORE, { value: core });
  return client as unknown as LlamaCloudClient<Paths>;
}
