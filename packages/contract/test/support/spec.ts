// The spec's documented responses, read from the spec itself so the tests follow it when it changes.
import { readFileSync } from 'node:fs';
import { SPEC_PATH } from '@llamacloud-chat/mock';
import { parse } from 'yaml';

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

const spec = parse(readFileSync(SPEC_PATH, 'utf8'));
const responses: Record<string, { content: { 'application/json': MediaType } }> =
  spec.paths['/api/v1/chat'].get.responses;

/** The named 200 examples, in the spec's order: `[name, value]`. */
export const pageExamples = Object.entries(responses['200']?.content['application/json'].examples ?? {}).map(
  ([name, example]) => [name, example.value] as [string, unknown],
);

/** The example body of a documented error status. */
export const errorExample = (status: '401' | '422') => responses[status]?.content['application/json'].example;
