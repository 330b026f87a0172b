// The built-in mock: Prism's mock of the spec behind the page-token front, so the spec's chained example pages
// play out as a multi-page listing. Callers talk to the front; `prism` is there for requests that must reach
// Prism untouched.
import { startPageTokenFront } from './page-token-front.js';
import { loadOperations, type Operations, SPEC_PATH, servePrism } from './prism.js';
import { once, type RunningServer } from './running-server.js';

export interface MockOptions {
  /** @default SPEC_PATH */
  spec?: string | undefined;
  /** The port the mock listens on, on 127.0.0.1. @default 0, a free port */
  port?: number | undefined;
}

export interface RunningMock extends RunningServer {
  /** Prism itself, without the front: every `page_token` gets the default example there. */
  prism: { url: string; port: number };
  /** The `page_token` values the mock serves, in the spec's order: the names of the paginated operations' 2xx examples. */
  pageTokens: readonly string[];
}

/**
 * Starts Prism's mock of the spec and the page-token front on 127.0.0.1, and resolves once both answer. A spec
 * Prism cannot load rejects with Prism's own message; a port in use rejects with Node's `EADDRINUSE` error,
 * with Prism already stopped. `close()` stops both and ends every connection.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const operations = await loadOperations(options.spec ?? SPEC_PATH);
  const pageTokens = pageExampleNames(operations);
  const prism = await servePrism(operations, { mode: 'mock' });
  let front: RunningServer;
  try {
    front = await startPageTokenFront({ upstream: prism.url, pageTokens, port: options.port });
  } catch (error) {
    await prism.close();
    throw error;
  }
  return {
    url: front.url,
    port: front.port,
    prism: { url: prism.url, port: prism.port },
    pageTokens,
    // The front first, so nothing reaches Prism once closing has begun.
    close: once(() => front.close().then(() => prism.close())),
  };
}

/**
 * The names of the pages the mock can serve: the examples of the 2xx responses of every operation that takes a
 * `page_token` query parameter, once each, in the spec's order.
 */
function pageExampleNames(operations: Operations): string[] {
  const paginated = operations.filter((operation) =>
    (operation.request?.query ?? []).some((parameter) => parameter.name === 'page_token'),
  );
  const names = paginated.flatMap((operation) =>
    operation.responses
      .filter((response) => /^2/.test(response.code))
      .flatMap((response) =>
        (response.contents ?? []).flatMap((content) =>
          (content.examples ?? []).map((example) => example.key),
        ),
      ),
  );
  return [...new Set(names)];
}
