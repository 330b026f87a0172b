// createClient(): a typed openapi-fetch client for every path in the spec, sending through the client's
// transport (key, retries, timeouts, redaction) with the spec's request checks.
import createFetchClient, { type Client } from 'openapi-fetch';
import { ClientCore, CORE } from './client-core.js';
import type { paths } from './generated/openapi.js';
import type { ClientOptions } from './options.js';
import { checkedQuerySerializer, specChecks } from './request-checks.js';
import { withBody } from './response-body.js';
import type { OutgoingRequest, Transport } from './transport.js';

/** A typed openapi-fetch client over the spec's `paths`. */
export type LlamaCloudClient = Client<paths>;

/** Sends openapi-fetch's Request through `transport`, and hands openapi-fetch back a readable Response. */
async function sendThrough(transport: Transport, request: Request): Promise<Response> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const outgoing: OutgoingRequest = {
    method: request.method,
    url: request.url,
    target: `${request.method} ${new URL(request.url).pathname}` as OutgoingRequest['target'],
    headers,
    body: request.body === null ? undefined : await request.text(),
  };
  const { response, text } = await transport.send(outgoing, { signal: request.signal });
  return withBody(response, text);
}

/** The openapi-fetch client over `core`. */
export function clientOn(core: ClientCore): LlamaCloudClient {
  const client = createFetchClient<paths>({
    baseUrl: core.options.baseUrl,
    fetch: (request) => sendThrough(core.transport, request),
    querySerializer: checkedQuerySerializer,
  });
  client.use(specChecks());
  // paginate() recognises the client by its core and pages through the transport directly.
  Object.defineProperty(client, CORE, { value: core });
  return client;
}

/**
 * Creates a typed client for the LlamaCloud chat API.
 * Throws {@link ClientConfigError} when no API key is set or the base URL is malformed.
 */
export function createClient(options: ClientOptions = {}): LlamaCloudClient {
  return clientOn(new ClientCore(options));
}
