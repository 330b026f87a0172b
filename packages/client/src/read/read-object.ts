// How an operation whose 2xx is a JSON object reads it: the object, checked for the fields the spec requires at
// its top level; anything else is a MalformedResponseError saying what is wrong.
import type { RequestTarget } from '../errors/index.js';
import { decodeObject } from '../json-body.js';
import { isOfTypes, typesInWords } from '../json-types.js';
import type { Operation } from '../operations/operation.js';
import type { Exchange } from '../transport.js';

/** The first problem with a 2xx body against the fields the spec requires at its top level. */
function requiredFields(operation: Operation) {
  const required = Object.entries(operation.required ?? {});
  return (body: Record<string, unknown>): string | undefined => {
    for (const [name, types] of required) {
      const value = body[name];
      if (value === undefined) return `"${name}" is missing`;
      if (!isOfTypes(value, types)) return `"${name}" is not ${typesInWords(types)}`;
    }
    return undefined;
  };
}

/** `exchange`'s body as `operation` reads it: undefined for an operation whose success has no body. */
export function readObject(operation: Operation, target: RequestTarget, exchange: Exchange): unknown {
  if (operation.reads === 'none') return undefined;
  return decodeObject(target, exchange, operation.noun ?? 'response', requiredFields(operation));
}
