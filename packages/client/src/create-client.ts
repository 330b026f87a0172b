// createClient(): a typed openapi-fetch client for every path in the spec, authenticated and configured.
import createFetchClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { type ClientOptions, resolveClientOptions } from './options.js';
import { checkedQuerySerializer, specChecks } from './request-checks.js';
import { retryingFetch } from './retry.js';

/** A typed openapi-fetch client over the spec's `paths`. */
export type LlamaCloudClient = Client<paths>;

/**
 * Creates a typed client for the LlamaCloud chat API.
 * Throws {@link ClientConfigError} when no API key is set or the base URL is malformed.
 */
export function createClient(options: ClientOptions = {}): LlamaCloudClient {
  const { apiKey, baseUrl, fetch, retry } = resolveClientOptions(options);
  const client = createFetchClient<paths>({
    baseUrl,
    // Retries and timeouts live in the fetch openapi-fetch calls; `fetch` is called through, never as a method.
    fetch: retryingFetch((input, init) => fetch(input, init), retry, apiKey),
    headers: { Authorization: `Bearer ${apiKey}` },
    querySerializer: checkedQuerySerializer,
  });
  client.use(specChecks());
  return client;
}
