// Prism's mock of the spec behind the page-token front, so the spec's chained example pages play out as a
// multi-page listing and a chat turn's example events arrive one by one: what the contract suite checks the
// client against (stateless, answering from the spec's examples). Callers talk to the front; `prism` is there
// for requests that must reach Prism untouched. The mock users talk to is start-mock.ts.
import { checkStreamGap, type StreamEnd } from './event-stream.js';
import { startPageTokenFront } from './page-token-front.js';
import { loadOperations, type Operations, servePrism } from './prism.js';
import { once, type RunningServer } from './running-server.js';
import { SPEC_PATH } from './spec-path.js';

export interface PrismMockOptions {
  /** @default SPEC_PATH */
  spec?: string | undefined;
  /** The port the mock listens on, on 127.0.0.1. @default 0, a free port */
  port?: number | undefined;
  /**
   * The gap between two events of a streamed chat turn (`POST /api/v1/chat/{session_id}/messages/stream`), in
   * milliseconds; 0 for no wait (each event still in a chunk of its own). @default DEFAULT_STREAM_GAP_MS (60)
   */
  streamGapMs?: number | undefined;
  /** Called once per streamed answer when it ends: every event sent, or the caller gone first. */
  onStreamEnd?: ((end: StreamEnd) => void) | undefined;
}

export interface RunningPrismMock extends RunningServer {
  /** Prism itself, without the front: every `page_token` gets the default example there. */
  prism: { url: string; port: number };
  /** The `page_token` values the mock serves, in the spec's order: the names of the paginated operations' 2xx examples. */
  pageTokens: readonly string[];
}

/**
 * Starts Prism's mock of the spec and the page-token front on 127.0.0.1, and resolves once both answer. A spec
 * Prism cannot load rejects with Prism's own message; a port in use rejects with Node's `EADDRINUSE` error,
 * with Prism already stopped; a `streamGapMs` that is not from 0 to 2^31 - 1 rejects with a RangeError before
 * anything starts.
 * `close()` stops both and ends every connection, streams in the middle of a turn included.
 */
export async function startPrismMock(options: PrismMockOptions = {}): Promise<RunningPrismMock> {
  const gapMs = checkStreamGap(options.streamGapMs);
  const operations = await loadOperations(options.spec ?? SPEC_PATH);
  const pageTokens = pageExampleNames(operations);
  const prism = await servePrism(operations, { mode: 'mock' });
  let front: RunningServer;
  try {
    front = await startPageTokenFront({
      upstream: prism.url,
      pageTokens,
      port: options.port,
      streamGapMs: gapMs,
      onStreamEnd: options.onStreamEnd,
    });
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
