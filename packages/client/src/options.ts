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
      'No LlamaCloud API key: set the LLAMA_CLOUD_API_KEY environment variable or pass { apiKey }.',
    );
  }
  // A header value cannot hold control characters or surrounding whitespace; say so without echoing the key.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (apiKey !== apiKey.trim() || /[\0-\x1f\x7f]/.test(apiKey)) {
    throw new ClientConfigError(
      'The API key has whitespace or control characters; copy it again without them.',
    );
  }

  const baseUrl = options.baseUrl || env('LLAMA_CLOUD_BASE_URL') || DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  // Credentials or a query in the base URL would end up in every request's URL and in error messages.
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new ClientConfigError(
      `Invalid base URL "${url ? url.origin + url.pathname : baseUrl}": use an absolute http(s) URL with no ` +
        `credentials, query or fragment, like ${DEFAULT_BASE_URL}.`,
    );
  }

  const fetchImpl = options.fetch ?? globalThis.fetch;
  return { apiKey, baseUrl: url.href.replace(/\/+$/, ''), fetch: fetchImpl };
}
