// Which server the CLI talks to: LLAMA_CLOUD_BASE_URL (with LLAMA_CLOUD_API_KEY), or, when no base URL is
// set, the built-in Prism mock of the spec on 127.0.0.1 and a free port.

export interface Target {
  /** Undefined means the client's own default: LLAMA_CLOUD_BASE_URL. */
  baseUrl: string | undefined;
  /** Undefined means the client's own default: LLAMA_CLOUD_API_KEY. */
  apiKey: string | undefined;
  /** Stops the built-in mock, if one was started. */
  close(): Promise<void>;
}

/** A key for the mock, which checks only that one is sent. */
const PLACEHOLDER_KEY = 'llx-built-in-mock-placeholder';

export async function resolveTarget(log: (line: string) => void): Promise<Target> {
  if (process.env.LLAMA_CLOUD_BASE_URL) {
    return { baseUrl: undefined, apiKey: undefined, close: async () => {} };
  }
  // Loaded only here: Prism takes a moment and some memory that a real server does not need.
  const { startPrism } = await import('@llamacloud-chat/mock');
  const mock = await startPrism({ mode: 'mock', examplePerPageToken: true });
  log(
    `Using the built-in mock of openapi/openapi.yaml at ${mock.url}, because LLAMA_CLOUD_BASE_URL is not set.`,
  );
  log(
    'To list real sessions: LLAMA_CLOUD_BASE_URL=https://api.cloud.llamaindex.ai LLAMA_CLOUD_API_KEY=llx-… llamacloud-chat sessions list',
  );
  return { baseUrl: mock.url, apiKey: PLACEHOLDER_KEY, close: () => mock.close() };
}
