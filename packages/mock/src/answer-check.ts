// Every answer the mock sends is first checked against the spec (Ajv, JSON Schema 2020-12): the body of a JSON
// answer against its operation's response for that status, and each event of a streamed turn against what the
// stream's `x-sse-data-schema` names. So the mock cannot teach a client something the API would not send: a
// seed, a state file or a spec example that breaks the spec becomes a 500 naming the break, not a lesson.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Node = Record<string, unknown>;

/** The operations of a dereferenced OpenAPI document, by operationId. */
export type OperationsById = ReadonlyMap<string, Node>;

export interface AnswerChecker {
  /** What is wrong with a JSON answer (`undefined` body: none), one line each; empty when it keeps the spec. */
  checkBody(operationId: string, status: number, body: unknown): string[];
  /** What is wrong with one event of a streamed turn. */
  checkEvent(operationId: string, event: unknown): string[];
}

/** `/items/0/session_id` → `items[0].session_id`. */
function where(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/** Ajv's errors in plain words, one per place: `items[0].session_id must be string`. */
export function describeErrors(errors: readonly ErrorObject[], root = 'the body'): string[] {
  const lines = new Map<string, string>();
  for (const error of errors) {
    const at = where(error.instancePath);
    if (error.keyword === 'required') {
      const field = (error.params as { missingProperty: string }).missingProperty;
      const path = at ? `${at}.${field}` : field;
      lines.set(path, `${path} is missing (required)`);
    } else if (!lines.has(at) && error.keyword !== 'anyOf' && error.keyword !== 'if') {
      lines.set(at, `${at || root} ${error.message ?? 'is not valid'}`);
    }
  }
  if (lines.size === 0 && errors.length > 0) lines.set('', `${root} ${errors[0]?.message ?? 'is not valid'}`);
  return [...lines.values()];
}

/** Builds the checks from the document's operations; each schema is compiled the first time it is needed. */
export function answerChecker(operations: OperationsById): AnswerChecker {
  // Strict, so a keyword Ajv does not know fails loudly; OpenAPI's own keywords are named as such.
  // No meta-schema check of the spec's schemas (the spec's lint does that): compiling it would double the
  // mock's first answer.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false });
  ajv.addVocabulary(['discriminator', 'example', 'xml', 'externalDocs']);
  addFormats.default(ajv);
  const compiled = new Map<string, ValidateFunction | null>();
  const validator = (key: string, schema: () => unknown): ValidateFunction | null => {
    if (!compiled.has(key)) {
      const found = schema();
      compiled.set(key, found === undefined ? null : ajv.compile(found as Node));
    }
    return compiled.get(key) ?? null;
  };
  const response = (operationId: string, status: number) => {
    const responses = (operations.get(operationId)?.responses ?? {}) as Record<string, Node>;
    return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  };
  const problems = (validate: ValidateFunction, value: unknown) =>
    validate(value) ? [] : describeErrors(validate.errors ?? []);

  return {
    checkBody(operationId, status, body) {
      const documented = response(operationId, status);
      if (!documented) return [`status ${status} is not one the spec documents for ${operationId}`];
      const content = documented.content as Record<string, Node> | undefined;
      if (!content)
        return body === undefined ? [] : [`a ${status} of ${operationId} has no body in the spec`];
      const media = content['application/json'];
      if (!media) return [`a ${status} of ${operationId} is not application/json in the spec`];
      if (body === undefined) return [`a ${status} of ${operationId} must have a body`];
      const validate = validator(`${operationId} ${status}`, () => media.schema);
      return validate ? problems(validate, body) : [];
    },
    checkEvent(operationId, event) {
      const validate = validator(`${operationId} event`, () => {
        const content = response(operationId, 200)?.content as Record<string, Node> | undefined;
        return content?.['text/event-stream']?.['x-sse-data-schema'];
      });
      if (!validate) return [`the spec names no x-sse-data-schema for ${operationId}'s events`];
      return problems(validate, event);
    },
  };
}
