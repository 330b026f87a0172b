// The schema of each event of a streamed chat turn, read from the spec itself: the stream's 200 names it with
// `x-sse-data-schema` on its `text/event-stream` (a `$ref` to ChatEvent), and every event is checked against
// what that names, with a JSON Schema 2020-12 validator (Ajv), so a change to the spec moves the check. What is
// wrong with an event is said in plain words, like Prism's violations: `usage is missing (required)`.
import { readFileSync } from 'node:fs';
import type { ChatStreamEvent } from '@llamacloud-chat/client';
import { SPEC_PATH } from '@llamacloud-chat/mock';
import { deref as follow } from '@llamacloud-chat/openapi/spec-walk.mjs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

export const STREAM_PATH = '/api/v1/chat/{session_id}/messages/stream';

type Node = Record<string, unknown>;

/** The spec, parsed. */
export const loadSpec = (path: string = SPEC_PATH): Node => parse(readFileSync(path, 'utf8'));

/** What one event is, and what is wrong with it. */
export interface EventCheck {
  /** The event's `type`, when it is a string. */
  type: string | undefined;
  /**
   * False for an event whose `type` the spec does not name (one the API added later). The spec says to keep or
   * skip such events, not to fail, so they have no problems; the schema does not describe them.
   */
  known: boolean;
  /** Everything wrong with it, one line each (`content must be string`); empty when it keeps the schema. */
  problems: string[];
}

export interface EventValidator {
  /** What `x-sse-data-schema` names: `ChatEvent`, or `(inline schema)`. */
  schemaName: string;
  /** The event types the schema's discriminator names, in the spec's order. */
  types: string[];
  check(event: unknown): EventCheck;
}

const SCHEMAS = '#/components/schemas/';
const ROOT = 'urn:llamacloud-chat:openapi';

/** Follows local `$ref`s in `spec` to what they name (the spec reader the generator and the gate share). */
const deref = (spec: Node, value: unknown) => follow(spec, value) as Node | undefined;

/** A copy of `schema` whose `#/components/schemas/X` references point into the validator's `$defs`. */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMAS)
        ? `${ROOT}#/$defs/${value.slice(SCHEMAS.length)}`
        : rebased(value),
    ]),
  );
}

/** `/usage/total_input_tokens` → `usage.total_input_tokens`; `/result/0/page` → `result[0].page`. */
function pathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
      '',
    );
}

/** Ajv's errors as plain lines: one per place, the types a value may have joined with `or`. */
function describe(errors: readonly ErrorObject[]): string[] {
  const lines: string[] = [];
  const types = new Map<string, string[]>();
  for (const error of errors) {
    const path = pathOf(error.instancePath);
    const at = (problem: string) => (path ? `${path} ${problem}` : problem);
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      lines.push(`${path ? `${path}.` : ''}${missing} is missing (required)`);
    } else if (error.keyword === 'type') {
      const type = (error.params as { type: string | string[] }).type;
      types.set(path, [...(types.get(path) ?? []), ...(Array.isArray(type) ? type : type.split(','))]);
    } else if (error.keyword === 'const') {
      lines.push(at(`must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`));
    } else if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      // anyOf/oneOf only say that no branch matched; the branches' own errors say why.
      lines.push(at(error.message ?? error.keyword));
    }
  }
  for (const [path, names] of types) {
    const problem = `must be ${[...new Set(names)].join(' or ')}`;
    lines.push(path ? `${path} ${problem}` : problem);
  }
  return [...new Set(lines)];
}

/**
 * A validator for the events of the stream operation's 200, built from `spec` (the workspace spec unless
 * given): the schema its `text/event-stream` names with `x-sse-data-schema`. Throws, saying what is missing,
 * when the spec names none.
 */
export function eventValidator(spec: Node = loadSpec()): EventValidator {
  const operation = (spec.paths as Record<string, Node> | undefined)?.[STREAM_PATH]?.post as Node | undefined;
  const ok = deref(spec, (operation?.responses as Node | undefined)?.['200']);
  const media = (ok?.content as Node | undefined)?.['text/event-stream'] as Node | undefined;
  const named = media?.['x-sse-data-schema'];
  if (typeof named !== 'object' || named === null) {
    throw new Error(`The spec's POST ${STREAM_PATH} 200 text/event-stream has no x-sse-data-schema.`);
  }
  const ref = (named as Node).$ref;
  const schemaName =
    typeof ref === 'string' && ref.startsWith(SCHEMAS) ? ref.slice(SCHEMAS.length) : '(inline schema)';
  const target = deref(spec, named);
  const mapping = ((target?.discriminator as Node | undefined)?.mapping ?? {}) as Record<string, string>;
  const discriminator = (target?.discriminator as Node | undefined)?.propertyName;

  // Strict: a keyword Ajv does not know fails here rather than being skipped; OpenAPI's own keywords are named.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(['discriminator', 'example', 'xml', 'externalDocs']);
  const components = (spec.components as Node | undefined)?.schemas ?? {};
  ajv.addSchema({ $id: ROOT, $defs: rebased(components) as Node });
  const whole: ValidateFunction = ajv.compile(rebased(named) as Node);
  const branches = new Map(
    Object.entries(mapping).map(([type, branch]) => [type, ajv.compile(rebased({ $ref: branch }) as Node)]),
  );

  return {
    schemaName,
    types: Object.keys(mapping),
    check(event) {
      const value =
        typeof event === 'object' && event !== null && !Array.isArray(event) ? (event as Node) : {};
      const type = typeof discriminator === 'string' ? value[discriminator] : undefined;
      const typeName = typeof type === 'string' ? type : undefined;
      if (whole(event)) return { type: typeName, known: true, problems: [] };
      if (value !== event) return { type: undefined, known: true, problems: ['must be an object'] };
      const branch = typeName === undefined ? undefined : branches.get(typeName);
      if (typeName !== undefined && branches.size > 0 && !branch)
        return { type: typeName, known: false, problems: [] };
      if (branch) {
        branch(event);
        return { type: typeName, known: true, problems: describe(branch.errors ?? []) };
      }
      if (type !== undefined) return { type: undefined, known: true, problems: ['type must be string'] };
      return {
        type: undefined,
        known: true,
        problems:
          branches.size > 0
            ? [`has no type and matches none of ${schemaName}'s ${branches.size} schemas`]
            : describe(whole.errors ?? []),
      };
    },
  };
}

/** The JSON an event carried: the client wraps an event of a type it does not know, this unwraps it. */
export const dataOf = (event: ChatStreamEvent): unknown => (event.type === 'unknown' ? event.event : event);

/** What is wrong with each event of a streamed turn, one line per problem: `event 3 (stop): usage is missing (required)`. */
export function eventProblems(validator: EventValidator, events: readonly ChatStreamEvent[]): string[] {
  return events.flatMap((event, i) => {
    const { type, problems } = validator.check(dataOf(event));
    return problems.map((problem) => `event ${i + 1}${type ? ` (${type})` : ''}: ${problem}`);
  });
}
