// Server-Sent Events for the response side of the stream operation: the spec's examples in every framing a
// reader must accept (as the stream's 200 description lists them), cut into small chunks that a node:http
// server writes in lockstep with the client's reads, so each chunk reaches the client as a chunk of its own.
import type { ServerResponse } from 'node:http';
import { eventsOf, streamExamples } from './spec.js';

/** A body to stream: a name, its events, and the SSE text the spec writes them as. */
export interface TurnBody {
  name: string;
  events: unknown[];
  /** One `data:` line per event, a blank line after each. */
  text: string;
}

const plain = (events: readonly unknown[]) =>
  events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');

/** Non-ASCII of every UTF-8 width (2, 3 and 4 bytes, and a combining mark), for chunks to split. */
export const OTHER_SCRIPTS = ' — ü ñ e\u0301 漢字 🦙';

/** Every string `content` of an event, with `suffix` added. */
const withContentSuffix = (event: unknown, suffix: string) =>
  typeof event === 'object' && event !== null && typeof (event as { content?: unknown }).content === 'string'
    ? { ...event, content: `${(event as { content: string }).content}${suffix}` }
    : event;

/**
 * The spec's stream examples (`turn`, `failed-turn`, …), each as the spec writes it, and the first (the whole
 * turn) with non-ASCII text in every `content`: the examples are ASCII, and chunks must also split a character.
 */
export function turnBodies(): TurnBody[] {
  const bodies = streamExamples.map(([name, text]) => ({ name, events: eventsOf(text), text }));
  const [first] = bodies;
  if (!first) throw new Error('The spec has no text/event-stream example for the stream operation.');
  const events = first.events.map((event) => withContentSuffix(event, OTHER_SCRIPTS));
  return [...bodies, { name: `${first.name}, in other scripts`, events, text: plain(events) }];
}

/** One way of writing a turn's events as SSE. */
export interface Framing {
  name: string;
  /** The response's content-type. @default text/event-stream */
  contentType?: string;
  write(body: TurnBody): string;
}

/** Each event's JSON over several `data:` lines (pretty-printed), alternately with and without the space. */
const multiLine = (event: unknown) =>
  JSON.stringify(event, null, 2)
    .split('\n')
    .map((line, i) => (i % 2 ? `data:${line}` : `data: ${line}`))
    .join('\n');

const typeOf = (event: unknown) => String((event as { type?: unknown }).type);

export const framings: Framing[] = [
  { name: 'as the spec writes it (data lines, blank lines)', write: (body) => body.text },
  {
    name: 'CRLF line endings',
    write: ({ events }) => events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`).join(''),
  },
  {
    name: 'CR, CRLF and LF line endings, mixed (the last event LF)',
    write: ({ events }) =>
      events
        .map((event, i) => {
          const end = i === events.length - 1 ? '\n' : ['\r', '\r\n', '\n'][i % 3];
          return `data: ${JSON.stringify(event)}${end}${end}`;
        })
        .join(''),
  },
  {
    name: 'event:, id: and retry: fields',
    write: ({ events }) =>
      events
        .map(
          (event, i) =>
            `event: ${typeOf(event)}\nid: evt-${i + 1}-ü\n${i === 0 ? 'retry: 3000\n' : ''}data: ${JSON.stringify(event)}\n\n`,
        )
        .join(''),
  },
  {
    name: ': comment heartbeats, between events and inside them',
    write: ({ events }) =>
      `: stream open\n\n${events
        .map((event) => `: keep-alive 🦙\n\n:\ndata: ${JSON.stringify(event)}\n: sent\n\n`)
        .join(': heartbeat ü\n\n')}`,
  },
  {
    name: 'each JSON value spread over several data: lines',
    write: ({ events }) => events.map((event) => `${multiLine(event)}\n\n`).join(''),
  },
  { name: 'a final data: [DONE]', write: ({ events }) => `${plain(events)}data: [DONE]\n\n` },
  {
    name: 'all of these at once, CRLF, with a charset',
    contentType: 'text/event-stream; charset=utf-8',
    write: ({ events }) =>
      `: open\r\n\r\n${events
        .map(
          (event, i) =>
            `event: ${typeOf(event)}\r\nid: ${i + 1}\r\n: inside\r\n${multiLine(event).replaceAll('\n', '\r\n')}\r\n\r\n`,
        )
        .join(': ü\r\n\r\n')}data: [DONE]\r\n\r\n`,
  },
  {
    // The spec's 200 lists CR line endings; the last lone CR is completed only at the stream's end.
    name: 'CR line endings, the stream ending in CR',
    write: ({ events }) => events.map((event) => `data: ${JSON.stringify(event)}\r\r`).join(''),
  },
  {
    // As Prism sends an example (its YAML loader drops the last blank line).
    name: 'no blank line after the last event (as Prism sends it)',
    write: ({ events }) => plain(events).replace(/\n\n$/, '\n'),
  },
];

/** `bytes` cut into chunks whose lengths cycle through `sizes`. */
export function chunked(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** Chunk sizes of 1 to 13 bytes, so chunk ends fall everywhere: mid-field, mid-line, mid-character. */
export const SMALL_CHUNKS = Array.from({ length: 13 }, (_, i) => i + 1);

/** What the client received of a response body, chunk by chunk, as it read it. */
export interface ChunkTap {
  /** A fetch for the client: the server's response, its body passed through the tap. */
  fetch: typeof globalThis.fetch;
  /** The byte offset where each chunk the client received ended, in order. */
  ends: number[];
  /** Bytes received so far. */
  received(): number;
  /** Resolves once the client has received `bytes` bytes, or `gone` settles. */
  reach(bytes: number, gone: Promise<unknown>): Promise<void>;
}

export function chunkTap(): ChunkTap {
  const ends: number[] = [];
  let total = 0;
  let waiters: { bytes: number; resolve: () => void }[] = [];
  const tap = () =>
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        ends.push(total);
        const ready = waiters.filter((w) => w.bytes <= total);
        waiters = waiters.filter((w) => w.bytes > total);
        for (const waiter of ready) waiter.resolve();
        controller.enqueue(chunk);
      },
    });
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await globalThis.fetch(input, init);
    if (!response.body) return response;
    const { status, statusText, headers } = response;
    return new Response(response.body.pipeThrough(tap()), { status, statusText, headers });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    ends,
    received: () => total,
    reach: (bytes, gone) =>
      bytes <= total
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ bytes, resolve })),
            gone.then(() => {}),
          ]),
  };
}

/**
 * Writes `chunks` as a 200 event stream, each only once the client has received all before it, so no two are
 * ever read together. Stops when the client goes away (as it does after a `stop` event).
 */
export async function writeInLockstep(
  res: ServerResponse,
  chunks: readonly Uint8Array[],
  tap: ChunkTap,
  contentType = 'text/event-stream',
): Promise<void> {
  const gone = new Promise((resolve) => res.once('close', resolve));
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  res.flushHeaders();
  let written = 0;
  for (const chunk of chunks) {
    if (res.destroyed) return;
    res.write(chunk);
    written += chunk.byteLength;
    await tap.reach(written, gone);
  }
  if (!res.destroyed) res.end();
}
