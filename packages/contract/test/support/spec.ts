// The spec's documented responses, read from the spec itself so the tests follow it when it changes.
import { readFileSync } from 'node:fs';
import { SPEC_PATH } from '@llamacloud-chat/mock';
import { deref as follow } from '@llamacloud-chat/openapi/spec-walk.mjs';
import { parse } from 'yaml';
import { STREAM_PATH } from '../../src/event-schema.js';

export { STREAM_PATH };

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  content?: Record<string, MediaType>;
}
type Ref = { $ref: string };

const spec = parse(readFileSync(SPEC_PATH, 'utf8'));

/** Follows a local `$ref` (`#/components/responses/Unauthorized`) to what it names. */
const deref = <T>(value: T | Ref): T => follow(spec, value) as T;

const responses: Record<string, { content: { 'application/json': MediaType } }> =
  spec.paths['/api/v1/chat'].get.responses;

/** The named 200 examples, in the spec's order: `[name, value]`. */
export const pageExamples = Object.entries(responses['200']?.content['application/json'].examples ?? {}).map(
  ([name, example]) => [name, example.value] as [string, unknown],
);

/** The example body of a documented error status. */
export const errorExample = (status: '401' | '422') => responses[status]?.content['application/json'].example;

/** One documented response: its status, the example's name (undefined for a lone `example` or no body). */
export interface DocumentedResponse {
  status: number;
  example: string | undefined;
  /** The example's value; undefined for a response with no body. */
  value: unknown;
  /** Its media type (`application/json`, `text/event-stream`); undefined for a response with no body. */
  mediaType: string | undefined;
}

/** Every documented response of one operation, one entry per example (or one for a response with none). */
export function documentedResponses(path: string, method: string): DocumentedResponse[] {
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The spec has no ${method} ${path}.`);
  const entries = Object.entries(operation.responses as Record<string, Response | Ref>);
  return entries.flatMap(([status, ref]): DocumentedResponse[] => {
    // JSON when the response has it, else its one media type.
    const content = Object.entries(deref(ref).content ?? {});
    const [mediaType, media] = content.find(([type]) => type === 'application/json') ?? content[0] ?? [];
    if (!media) return [{ status: Number(status), example: undefined, value: undefined, mediaType }];
    if (media.examples) {
      return Object.entries(media.examples).map(([name, example]) => ({
        status: Number(status),
        example: name,
        value: example.value,
        mediaType,
      }));
    }
    return [{ status: Number(status), example: undefined, value: media.example, mediaType }];
  });
}

/** The stream operation's 200 examples, in the spec's order: `[name, SSE text]`. */
export const streamExamples: [string, string][] = documentedResponses(STREAM_PATH, 'POST')
  .filter((r) => r.status === 200 && r.mediaType === 'text/event-stream')
  .map((r) => {
    if (typeof r.value !== 'string')
      throw new Error(`The stream's 200 example ${r.example} is not SSE text.`);
    return [r.example ?? '', r.value];
  });

/**
 * The events of an SSE example as the spec writes them (one `data:` line per event, a blank line after each),
 * parsed here independently of the client: each `data:` line's JSON, in order.
 */
export function eventsOf(text: string): unknown[] {
  return [...text.matchAll(/^data: ?(.*)$/gm)].map(([, json]) => JSON.parse(json ?? ''));
}

/** Every operation in the spec: `METHOD path`, with the media types of its 2xx responses. */
export const operations: { method: string; path: string; successTypes: string[] }[] = Object.entries(
  spec.paths as Record<string, Record<string, { responses: Record<string, Response | Ref> }>>,
).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
    .map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      successTypes: Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([, ref]) => Object.keys(deref(ref).content ?? {})),
    })),
);

/** The event types `ChatEvent`'s discriminator names, in the spec's order. */
export const eventTypes: string[] = Object.keys(spec.components.schemas.ChatEvent.discriminator.mapping);
