// A method's arguments split as its operation says: path values first, then one flat params object whose query
// keys go to the query and the rest to the body, checked against the spec's body fields before anything is sent.
import type { OperationInput } from '../client-core.js';
import { InvalidRequestError, type RequestTarget } from '../errors/index.js';
import { describeJsonType } from '../json-body.js';
import { isOfTypes, typesInWords } from '../json-types.js';
import type { FieldSpec, Operation } from './operation.js';

/** Said when a request that must not be sent twice may have reached the server and no answer came. */
const UNCERTAIN =
  'The request may have reached the server, so it may or may not have taken effect: check before sending it again.';

function checkField(target: RequestTarget, name: string, value: unknown, field: FieldSpec): void {
  if (value === undefined || isOfTypes(value, field.types)) return;
  throw new InvalidRequestError(
    `The body field ${name} of ${target} must be ${typesInWords(field.types)}, got ${describeJsonType(value)}. Nothing was sent.`,
  );
}

/** The request input for `operation` called with `pathValues` and `params`. */
export function requestParts(
  operation: Operation,
  pathValues: readonly unknown[],
  params: unknown,
): OperationInput {
  const target = `${operation.method} ${operation.path}` as RequestTarget;
  if (params != null && (typeof params !== 'object' || Array.isArray(params))) {
    throw new InvalidRequestError(
      `The params of ${target} must be an object, got ${describeJsonType(params)}. Nothing was sent.`,
    );
  }
  const path: Record<string, string> = {};
  operation.pathParams.forEach((name, i) => {
    path[name] = pathValues[i] as string;
  });
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    // Without a body, every param is a query parameter (the query check names one the operation lacks).
    if (!operation.body || Object.hasOwn(operation.query, name)) query[name] = value;
    else body[name] = value;
  }
  if (operation.body) {
    for (const [name, field] of Object.entries(operation.body.fields)) {
      if (field.required && body[name] === undefined) {
        throw new InvalidRequestError(
          `${target} needs the body field ${name} (${field.types.join(' or ')}). Nothing was sent.`,
        );
      }
      checkField(target, name, body[name], field);
    }
  }
  const headers: Record<string, string> | undefined =
    operation.reads === 'events'
      ? // Error statuses answer in JSON.
        { accept: 'text/event-stream, application/json' }
      : operation.reads === 'none'
        ? // As the official SDK does: the success has no body.
          { accept: '*/*' }
        : undefined;
  return {
    path,
    query,
    queryParams: operation.query,
    body: operation.body ? body : undefined,
    headers,
    idempotent: operation.idempotent,
    uncertainOutcome: operation.idempotent ? undefined : (operation.uncertain ?? UNCERTAIN),
    // A stream that answered is never sent again: it may have run.
    retryAnswered: operation.reads === 'events' ? false : undefined,
  };
}
