// An operation's parameters as OpenAPI defines them, and what makes an operation one the generator cannot turn
// into a correct method. Parameters come from the path item and the operation, `$ref`s resolved; an operation's
// own parameter replaces the path item's with the same name and location. Anything the client could not send
// as the spec says fails generation with a message naming the operation, rather than producing a wrong method.
import { deref } from '@llamacloud-chat/openapi/spec-walk.mjs';

/** A construct of the spec the generator cannot turn into a method. */
export class UnsupportedSpecError extends Error {
  name = 'UnsupportedSpecError';
}

/** `METHOD /path (operationId)`, for messages. */
export const operationName = (method, path, id) => `${method.toUpperCase()} ${path} (${id})`;

/** The path item at `path`, its `$ref` followed. */
export function resolvePathItem(document, path, raw) {
  const item = deref(document, raw);
  if (!item || typeof item !== 'object' || item.$ref) {
    throw new UnsupportedSpecError(`The path item ${path} is a $ref (${raw?.$ref}) that does not resolve.`);
  }
  return item;
}

/** The parameters of one level (`path item` or `operation`), resolved and keyed by location and name. */
function levelParameters(document, where, level, list) {
  const byKey = new Map();
  for (const raw of list ?? []) {
    const parameter = deref(document, raw);
    if (!parameter || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') {
      const ref = raw?.$ref ? ` $ref ${raw.$ref}` : '';
      throw new UnsupportedSpecError(
        `${where}: ${level === 'operation' ? 'an' : 'a'} ${level} parameter${ref} does not resolve to one with a name and a location.`,
      );
    }
    const key = `${parameter.in} ${parameter.name}`;
    if (byKey.has(key)) {
      throw new UnsupportedSpecError(
        `${where}: the ${level} lists the ${parameter.in} parameter ${parameter.name} twice.`,
      );
    }
    byKey.set(key, parameter);
  }
  return byKey;
}

/**
 * The parameters of `operation` at `path`: the path item's, each replaced by the operation's own of the same
 * name and location, then the operation's others. Path parameters come in the order the template names them.
 * Throws an UnsupportedSpecError when the template and the path parameters disagree, or when a parameter the
 * client cannot send (a header or cookie) is required.
 */
export function operationParameters(document, where, path, item, operation) {
  const merged = levelParameters(document, where, 'path item', item.parameters);
  for (const [key, parameter] of levelParameters(document, where, 'operation', operation.parameters)) {
    merged.set(key, parameter);
  }
  const parameters = [...merged.values()];
  const placeholders = [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  const inPath = parameters.filter((p) => p.in === 'path');
  for (const name of placeholders) {
    if (!inPath.some((p) => p.name === name)) {
      throw new UnsupportedSpecError(
        `${where}: the path names {${name}}, but no path parameter ${name} is declared.`,
      );
    }
  }
  for (const parameter of inPath) {
    if (!placeholders.includes(parameter.name)) {
      throw new UnsupportedSpecError(`${where}: the path parameter ${parameter.name} is not in the path.`);
    }
  }
  for (const parameter of parameters) {
    if ((parameter.in === 'header' || parameter.in === 'cookie') && parameter.required === true) {
      throw new UnsupportedSpecError(
        `${where}: the ${parameter.in} parameter ${parameter.name} is required, and a method cannot send one.`,
      );
    }
  }
  return {
    pathParams: placeholders,
    query: parameters.filter((p) => p.in === 'query'),
  };
}
