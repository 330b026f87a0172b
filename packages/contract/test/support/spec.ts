// The spec's documented responses, read from the spec itself so the tests follow it when it changes.
import { readFileSync } from 'node:fs';
import { SPEC_PATH } from '@llamacloud-chat/mock';
import { parse } from 'yaml';

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
function deref<T>(value: T | Ref): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value as T;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], spec);
  return deref(target as T | Ref);
}

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
}

/** Every documented response of one operation, one entry per example (or one for a response with none). */
export function documentedResponses(path: string, method: string): DocumentedResponse[] {
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The spec has no ${method} ${path}.`);
  const entries = Object.entries(operation.responses as Record<string, Response | Ref>);
  return entries.flatMap(([status, ref]): DocumentedResponse[] => {
    const media = deref(ref).content?.['application/json'];
    if (!media) return [{ status: Number(status), example: undefined, value: undefined }];
    if (media.examples) {
      return Object.entries(media.examples).map(([name, example]) => ({
        status: Number(status),
        example: name,
        value: example.value,
      }));
    }
    return [{ status: Number(status), example: undefined, value: media.example }];
  });
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
