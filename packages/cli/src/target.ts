// Which server the CLI talks to: LLAMA_CLOUD_BASE_URL (with LLAMA_CLOUD_API_KEY), or, when no base URL is
// set, the built-in Prism mock of the spec on 127.0.0.1 and a free port. Both are read from the environment the
// CLI was given, never from process.env directly, and passed to the client explicitly.
import { ConfigError } from './errors.js';

export interface Target {
  baseUrl: string;
  apiKey: string;
  /** True for the built-in mock. */
  mock: boolean;
  /** Stops the built-in mock, if one was started. */
  close(): Promise<void>;
}

/** A key for the mock, which checks only that one is sent. */
const PLACEHOLDER_KEY = 'llx-built-in-mock-placeholder';

/** Throws a {@link ConfigError} when LLAMA_CLOUD_BASE_URL is set without a key. */
export async function resolveTarget(env: Readonly<Record<string, string | undefined>>): Promise<Target> {
  const baseUrl = env.LLAMA_CLOUD_BASE_URL;
  if (baseUrl) {
    const apiKey = env.LLAMA_CLOUD_API_KEY;
    if (!apiKey?.trim()) {
      throw new ConfigError(
        `LLAMA_CLOUD_BASE_URL is set but LLAMA_CLOUD_API_KEY is ${apiKey === undefined ? 'not' : 'empty'}.\n` +
          'Set LLAMA_CLOUD_API_KEY to your LlamaCloud API key, or unset LLAMA_CLOUD_BASE_URL to use the built-in mock.',
      );
    }
    return { baseUrl, apiKey, mock: false, close: async () => {} };
  }
  // Loaded only here: Prism takes a moment and some memory that a real server does not need.
  const { startMock } = await import('@llamacloud-chat/mock');
  const mock = await startMock();
  return { baseUrl: mock.url, apiKey: PLACEHOLDER_KEY, mock: true, close: () => mock.close() };
}
