// paginate(): cursor pagination for any operation in a generated `paths` whose query takes `page_token` and
// whose 200 body is `{ items, next_page_token }`. The item type follows from the path.
import type { Client } from 'openapi-fetch';
import { type ClientCore, CORE } from '../client-core.js';
import { ClientConfigError } from '../errors/index.js';
import type { ListRequestOptions } from '../request-options.js';
import type { PagePromise } from './page-promise.js';
import { startListing } from './start-listing.js';

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

export { DEFAULT_MAX_PAGES } from './start-listing.js';

/**
 * Lists a cursor-paginated operation of a client made by `createClient()` (for any generated `paths`: pass the
 * spec's `operationList` too): the item type follows from the path. Every page is built and sent as every other
 * call of that client is (checks, retries, redaction). Every page repeats `query` and adds `page_token`;
 * iteration stops at a null, empty or missing `next_page_token`. A plain openapi-fetch client is refused.
 */
export function paginate<Paths extends {}, P extends PaginatedPath<Paths>>(
  // biome-ignore lint/suspicious/noExplicitAny: any media type; pagination reads JSON itself.
  client: Client<Paths, any> & { readonly [CORE]: unknown },
  path: P,
  query?: PageQuery<Paths, P> | null,
  options?: PaginateOptions,
): PagePromise<PageItem<Paths, P>, PageBody<Paths, P>> {
  const core = (client as { [CORE]?: ClientCore })[CORE];
  if (!core) {
    throw new ClientConfigError(
      'paginate() pages a client made by createClient(), which sends every page through its retries, checks ' +
        'and redaction. For another spec, pass its paths and operations: createClient<paths>(options, operationList).',
    );
  }
  const template = String(path);
  const operation = core.operations.find('GET', template);
  const spec = { method: 'GET', path: template, query: query as Record<string, unknown> | null, operation };
  return startListing(core, spec, options);
}
