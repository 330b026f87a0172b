// What the suite exercised, recorded exchange by exchange: each answer's operation (found in the catalog by its
// method and path), status, and for a stream the event types it carried. Kept on the running test's `meta`, which
// vitest hands to the reporters in the main process, where the coverage table is made (coverage-reporter.ts).
import { findOperation } from '@llamacloud-chat/client/catalog';
import { createParser } from 'eventsource-parser';
import { getCurrentTest } from 'vitest/suite';

/** One answer the suite saw. */
export interface Seen {
  operationId: string;
  status: number;
  /** A stream's event types, in order (none for an answer that is not a stream). */
  events: string[];
}

declare module 'vitest' {
  interface TaskMeta {
    /** The answers this test saw, for the coverage table. */
    coverage?: Seen[];
  }
}

/**
 * Records the answer to `method target`: its status now, and for a stream its event types as they pass through.
 * Returns the response to hand on: for a stream, one whose body is the same bytes, watched on the way (a copy would
 * hold up the caller's cancel until the copy was read too). An answer for no operation of the spec, or outside a
 * test, is not recorded.
 */
export function recordAnswer(method: string, target: string, response: Response): Response {
  const test = getCurrentTest();
  const path = new URL(target, 'http://contract').pathname;
  const entry = findOperation(`${method} ${path}`);
  if (!test || !entry) return response;
  const seen: Seen = { operationId: entry.operationId, status: response.status, events: [] };
  test.meta.coverage ??= [];
  test.meta.coverage.push(seen);
  if (!response.headers.get('content-type')?.includes('text/event-stream') || !response.body) return response;
  const parser = createParser({
    onEvent: ({ data }) => {
      try {
        const type = (JSON.parse(data) as { type?: unknown }).type;
        if (typeof type === 'string') seen.events.push(type);
      } catch {
        // Not JSON: the tests that read the stream say so; the table only counts types.
      }
    },
  });
  const decoder = new TextDecoder();
  const watched = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        controller.enqueue(chunk);
      },
    }),
  );
  const handed = new Response(watched, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(handed, 'url', { value: response.url });
  return handed;
}
