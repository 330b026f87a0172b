// The page and its relay on one origin (so the page needs no CORS and no key), and the built-in mock behind the
// relay when no API key is given.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockOptions, type RunningMock, startMock } from '@llamacloud-chat/mock';
import { serveHandler } from './node-adapter.js';
import { pageFiles } from './page-files.js';
import { createRelay, type RequestHandler } from './relay.js';

/** Where the build puts the page: the package's dist/page (this file is src/relay/ or dist/relay/ in it). */
export const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'page');

/** The key the relay sends to the built-in mock, which checks only that there is one. */
const MOCK_KEY = 'llx-built-in-mock';

export interface WebOptions {
  /** The API key; without one the relay talks to a built-in mock started here. */
  apiKey?: string | undefined;
  /** The API the relay calls when a key is given. @default the client's default (LLAMA_CLOUD_BASE_URL, then LlamaCloud) */
  baseURL?: string | undefined;
  /** The port to serve the page and relay on, on 127.0.0.1. @default 0, a free port */
  port?: number | undefined;
  /** The `fetch` the relay calls the API with. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Options for the built-in mock, when it is started. */
  mock?: Omit<MockOptions, 'port'> | undefined;
  /** The built page's folder. @default PAGE_DIR */
  pageDir?: string | undefined;
  /** `Host` names answered besides 127.0.0.1 and localhost on the port (see `serveHandler`). */
  allowedHosts?: readonly string[] | undefined;
  /** The relay's deadline for a call (see `createRelay`). @default 30_000 */
  deadlineMs?: number | undefined;
  /** The most calls the relay serves at once (see `createRelay`). @default 256 */
  maxInFlight?: number | undefined;
}

export interface RunningWeb {
  /** The page (and, under `/api/`, the relay). */
  url: string;
  /** The API the relay calls. */
  apiURL: string;
  /** The built-in mock, when no key was given. */
  mock: RunningMock | undefined;
  /** Stops the server, then the mock. Safe to call twice. */
  close(): Promise<void>;
}

/** `/api/…` to the relay, anything else to the page's files. */
export function webHandler(relay: RequestHandler, page: RequestHandler): RequestHandler {
  return (request) => (new URL(request.url).pathname.startsWith('/api/') ? relay(request) : page(request));
}

/** Starts the mock (without a key), the relay and the page, and resolves once they answer. */
export async function startWeb(options: WebOptions = {}): Promise<RunningWeb> {
  const mock = options.apiKey ? undefined : await startMock(options.mock);
  const apiURL =
    mock?.url ?? options.baseURL ?? process.env.LLAMA_CLOUD_BASE_URL ?? 'https://api.cloud.llamaindex.ai';
  try {
    const relay = createRelay({
      apiKey: options.apiKey ?? MOCK_KEY,
      baseURL: apiURL,
      fetch: options.fetch,
      deadlineMs: options.deadlineMs,
      maxInFlight: options.maxInFlight,
    });
    const server = await serveHandler(
      webHandler(relay, pageFiles(options.pageDir ?? PAGE_DIR)),
      options.port,
      {
        allowedHosts: options.allowedHosts,
      },
    );
    let closed: Promise<void> | undefined;
    return {
      url: server.url,
      apiURL,
      mock,
      close: () => {
        closed ??= server.close().then(() => mock?.close());
        return closed;
      },
    };
  } catch (error) {
    await mock?.close();
    throw error;
  }
}
