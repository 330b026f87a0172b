// A listing started: the call's options checked once, the first page's request taken from the call (its query
// may replace the operation's, and may carry a `page_token` to resume from), and the paginator that fetches each
// page through the client's one builder and its one `run`.
import type { ClientCore } from '../client-core.js';
import type { RequestSpec } from '../request/outgoing.js';
import { type ListRequestOptions, resolveRequestOptions } from '../request-options.js';
import { PagePromise } from './page-promise.js';
import { Paginator } from './paginator.js';

/** The default {@link ListRequestOptions.maxPages}. */
export const DEFAULT_MAX_PAGES = 10_000;

/** A listing of the pages `spec` asks for, after checking the options; nothing is fetched until it is used. */
export function startListing<Item, Body>(
  core: ClientCore,
  spec: RequestSpec,
  options?: ListRequestOptions | null,
): PagePromise<Item, Body> {
  const {
    call,
    overrides,
    maxPages = DEFAULT_MAX_PAGES,
    prefetch,
  } = resolveRequestOptions(options, 'listing');
  // A call's `query` replaces the listing's params, as every other field of its options replaces the operation's.
  const base = overrides?.hasQuery ? overrides.query : spec.query;
  const { page_token, ...rest } = base ?? {};
  const start = typeof page_token === 'string' && page_token !== '' ? page_token : null;
  const paginator = new Paginator<Item, Body>(core, {
    request: { ...spec, query: rest },
    start,
    maxPages,
    prefetch,
    call,
    // The paginator adds page_token to each page's query itself.
    overrides: overrides && { ...overrides, hasQuery: false, query: undefined },
  });
  return new PagePromise(paginator);
}
