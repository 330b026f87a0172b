// Client options and how they default from the environment.
import { ClientConfigError } from './errors.js';

/** The LlamaCloud API's default region. */
export const DEFAULT_BASE_URL = 'https://api.cloud.llamaindex.ai';
/** The LlamaCloud API's EU region. */
export const EU_BASE_URL = 'https://api.cloud.eu.llamaindex.ai';

/** Options shared by `createClient()` and `new LlamaCloud()`. */
export interface ClientOptions {
  /**
   * API key, sent only as `Authorization: Bearer <key>`.
   * @default process.env.LLAMA_CLOUD_API_KEY
   */
  apiKey?: string | null | undefined;
  /**
   * Origin of the API, e.g. {@link EU_BASE_URL}.
   * @default process.env.LLAMA_CLOUD_BASE_URL, then {@link DEFAULT_BASE_URL}
   */
  baseUrl?: string | null | undefined;
  /**
   * The `fetch` to send requests with, e.g. a mock in tests or an instrumented one.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch | undefined;
}

/** Options after defaults are applied and checked. */
export interface ResolvedClientOptions {
  apiKey: string;
  baseUrl: string;
  fetch: typeof globalThis.fetch;
}

function env(name: string): string | undefined {
  // `process` is absent in browsers and some edge runtimes; there, options must be passed explicitly.
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** Applies the environment defaults and rejects options no request could succeed with. */
export function resolveClientOptions(options: ClientOptions = {}): ResolvedClientOptions {
  const apiKey = options.apiKey ?? env('LLAMA_CLOUD_API_KEY');
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new ClientConfigError(
      'No LlamaCloud API key: set the LLAMA_CLOUD_API_KEY environment variable, or pass { apiKey } to the client.',
    );
  }
  // A header value cannot hold control characters or surrounding whitespace; say so without echoing the key.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (apiKey !== apiKey.trim() || /[\0-\x1f\x7f]/.test(apiKey)) {
    throw new ClientConfigError(
      'The LlamaCloud API key contains whitespace or control characters; copy it again without them.',
    );
  }

  const baseUrl = options.baseUrl || env('LLAMA_CLOUD_BASE_URL') || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ClientConfigError(
      `The base URL "${baseUrl}" is not an absolute URL; use one like ${DEFAULT_BASE_URL} (from { baseUrl } or LLAMA_CLOUD_BASE_URL).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ClientConfigError(`The base URL "${baseUrl}" must use http or https, not ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ClientConfigError(
      'The base URL must be a plain origin and path, without credentials, query or fragment; pass the key as { apiKey }.',
    );
  }

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ClientConfigError(
      'No fetch implementation: run on Node >= 20.19 or pass { fetch } to the client.',
    );
  }
  return { apiKey, baseUrl: url.href.replace(/\/+$/, ''), fetch: fetchImpl };
}
