// A method's arguments split as its operation says: path values first, then one flat params object whose query
// keys go to the query and the rest to the body, checked against the spec's body fields before anything is sent.
import { InvalidRequestError, type RequestTarget } from '../errors/index.js';
import { describeJsonType } from '../json-body.js';
import { isOfTypes, typesInWords } from '../json-types.js';
import type { RequestSpec } from '../request/outgoing.js';
import type { FieldSpec, Operation } from './operation.js';

function checkField(target: RequestTarget, name: string, value: unknown, field: FieldSpec): void {
  if (value === undefined || isOfTypes(value, field.types)) return;
  throw new InvalidRequestError(
    `The body field ${name} of ${target} must be ${typesInWords(field.types)}, got ${describeJsonType(value)}. Nothing was sent.`,
    { field: { in: 'body', name }, problem: 'type' },
  );
}

/** The request `operation` makes when called with `pathValues` and `params`. */
export function requestParts(
  operation: Operation,
  pathValues: readonly unknown[],
  params: unknown,
): RequestSpec {
  const target = `${operation.method} ${operation.path}` as RequestTarget;
  if (params != null && (typeof params !== 'object' || Array.isArray(params))) {
    throw new InvalidRequestError(
      `The params of ${target} must be an object, got ${describeJsonType(params)}. Nothing was sent.`,
    );
  }
  const values: Record<string, unknown> = {};
  operation.pathParams.forEach((name, i) => {
    values[name] = pathValues[i];
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
          { field: { in: 'body', name }, problem: 'missing' },
        );
      }
      checkField(target, name, body[name], field);
    }
  }
  return {
    method: operation.method,
    path: operation.path,
    pathValues: values,
    query,
    body: operation.body ? body : undefined,
    operation,
  };
}
