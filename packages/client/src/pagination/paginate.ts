// paginate(): cursor pagination for any operation in a generated `paths` whose query takes `page_token` and
// whose 200 body is `{ items, next_page_token }`. The item type follows from the path.
import type { Client } from 'openapi-fetch';
import { type ClientCore, CORE } from '../client-core.js';
import { AbortedError, APIError, ClientConfigError, type RequestTarget } from '../errors/index.js';
import { type ListRequestOptions, resolveRequestOptions } from '../request-options.js';
import { requestedWait } from '../retry-timing.js';
import { networkError } from '../transport.js';
import { PagePromise } from './page-promise.js';
import { type PageFetcher, Paginator } from './paginator.js';

type GetOperation<Paths, P extends keyof Paths> = Paths[P] extends { get: infer Op } ? Op : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type OkBodyOf<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : never;
type IsPaginated<Op> = [Op] extends [never]
  ? false
  : 'page_token' extends keyof QueryOf<Op>
    ? OkBodyOf<Op> extends { items: readonly unknown[]; next_page_token?: string | null }
      ? true
      : false
    : false;

/** The paths of `Paths` whose GET is cursor-paginated. */
export type PaginatedPath<Paths> = {
  [P in keyof Paths]-?: IsPaginated<GetOperation<Paths, P>> extends true ? P : never;
}[keyof Paths];
/** The query parameters of a paginated path's GET. */
export type PageQuery<Paths, P extends keyof Paths> = QueryOf<GetOperation<Paths, P>>;
/** The decoded 200 body of a paginated path's GET. */
export type PageBody<Paths, P extends keyof Paths> = OkBodyOf<GetOperation<Paths, P>>;
/** The item type of a paginated path's GET. */
export type PageItem<Paths, P extends keyof Paths> =
  PageBody<Paths, P> extends { items: readonly (infer I)[] } ? I : never;

/** Per-listing options: a call's request options (applied to every page), plus `maxPages` and `prefetch`. */
export type PaginateOptions = ListRequestOptions;

/** The default {@link PaginateOptions.maxPages}. */
export const DEFAULT_MAX_PAGES = 10_000;

/** Pages of `path` through a client's own transport: no Request object is built for openapi-fetch to copy. */
export function coreFetcher(core: ClientCore, path: string): PageFetcher {
  return (query, call) =>
    core.transport.request(core.request('GET', path, { query }, call.context, call.overrides), call);
}

/** The part of any openapi-fetch client pagination uses, with the path left generic. */
interface UntypedGet {
  GET(
    path: string,
    init: { params: { query: Record<string, unknown> }; parseAs: 'text'; signal?: AbortSignal | undefined },
  ): Promise<{ data?: string; error?: unknown; response: Response }>;
}

/** Pages of `path` through any openapi-fetch client (one with its own fetch and middleware). */
function clientFetcher(client: UntypedGet, path: string, target: RequestTarget): PageFetcher {
  return async (query, { signal, context, overrides }) => {
    if (overrides) {
      throw new ClientConfigError(
        `Request options that change the request (method, path, query, body, headers, idempotencyKey, ` +
          `defaultBaseURL) apply only to a client made by this package; this one sends ${target} as it is.`,
      );
    }
    let result: Awaited<ReturnType<UntypedGet['GET']>>;
    try {
      result = await client.GET(path, { params: { query }, parseAs: 'text', signal });
    } catch (error) {
      if (signal?.aborted) throw new AbortedError(target, signal.reason, context);
      const timedOut = (error as { name?: unknown })?.name === 'TimeoutError';
      throw networkError(target, error, { timedOut, context });
    }
    const { response } = result;
    if (!response.ok) {
      const { status, statusText, headers } = response;
      const source = { target, status, statusText, body: result.error, headers, attempts: 1 };
      throw APIError.generate(source, requestedWait(headers, Date.now()), context);
    }
    return { response, text: result.data ?? '', attempts: 1 };
  };
}

/** Starts a listing of `target` whose pages `fetch` gets, after checking the options. */
export function startListing<Item, Body>(
  fetch: PageFetcher,
  target: RequestTarget,
  query: Record<string, unknown> | null | undefined,
  options?: PaginateOptions | null,
): PagePromise<Item, Body> {
  const {
    call,
    overrides,
    maxPages = DEFAULT_MAX_PAGES,
    prefetch,
  } = resolveRequestOptions(options, 'listing');
  // A call's `query` replaces the listing's params, as every other field of its options replaces the operation's.
  const base = overrides?.hasQuery ? (overrides.query as Record<string, unknown> | null | undefined) : query;
  const { page_token, ...rest } = base ?? {};
  const start = typeof page_token === 'string' && page_token !== '' ? page_token : null;
  // The paginator adds page_token to each page's query itself.
  const pageOverrides = overrides && { ...overrides, hasQuery: false, query: undefined };
  const paginator = new Paginator<Item, Body>(fetch, {
    target,
    query: rest,
    start,
    maxPages,
    prefetch,
    call: { ...call, overrides: pageOverrides },
  });
  return new PagePromise(paginator);
}

/**
 * Lists a cursor-paginated operation of any generated `paths`: the item type follows from the path.
 * Every page repeats `query` and adds `page_token`; iteration stops at a null, empty or missing
 * `next_page_token`.
 */
export function paginate<Paths extends {}, P extends PaginatedPath<Paths>>(
  // biome-ignore lint/suspicious/noExplicitAny: any media type; pagination reads JSON itself.
  client: Client<Paths, any>,
  path: P,
  query?: PageQuery<Paths, P> | null,
  options?: PaginateOptions,
): PagePromise<PageItem<Paths, P>, PageBody<Paths, P>> {
  const target = `GET ${String(path)}` as RequestTarget;
  const core = (client as { [CORE]?: ClientCore })[CORE];
  const fetch = core
    ? coreFetcher(core, String(path))
    : clientFetcher(client as unknown as UntypedGet, String(path), target);
  return startListing(fetch, target, query as Record<string, unknown> | null | undefined, options);
}
