// createClient(): a typed openapi-fetch client for every path in the spec, authenticated and configured.
import createFetchClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { type ClientOptions, resolveClientOptions } from './options.js';
import { checkedQuerySerializer } from './query.js';

/** A typed openapi-fetch client over the spec's `paths`. */
export type LlamaCloudClient = Client<paths>;

/**
 * Creates a typed client for the LlamaCloud chat API.
 * Throws {@link ClientConfigError} when no API key is set or the base URL is malformed.
 */
export function createClient(options: ClientOptions = {}): LlamaCloudClient {
  const { apiKey, baseUrl, fetch } = resolveClientOptions(options);
  return createFetchClient<paths>({
    baseUrl,
    // openapi-fetch passes a Request as the only argument; calling through keeps `fetch` unbound from the options object.
    fetch: (request: Request) => fetch(request),
    headers: { Authorization: `Bearer ${apiKey}` },
    querySerializer: checkedQuerySerializer,
  });
}
