// Malformed percent-encoding in a request's target (`/api/v1/chat/%FF`, `?page_token=%zz`): what the mock answers
// instead of failing on it. Decoding such a path throws a URIError deep inside the router (a 500 in the mock, an
// uncaught exception that ends the whole process in Prism), so it is caught here, before anything routes it.

/** The answer to a target with malformed percent-encoding: a status and a body in the spec's shape. */
export interface MalformedTargetAnswer {
  status: 404 | 422;
  body: unknown;
}

/** Whether `text` decodes as percent-encoded UTF-8 (what the router will do to it). */
function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The answer for a request target (`req.url`) with malformed percent-encoding, or undefined when it decodes.
 * In the path, no resource can have such a name: a 404 (`{"detail": …}`). In the query, the value is not
 * valid: the spec's 422 (FastAPI's shape), its `loc` naming the parameter.
 */
export function malformedTarget(target: string): MalformedTargetAnswer | undefined {
  const question = target.indexOf('?');
  const path = question === -1 ? target : target.slice(0, question);
  if (!decodes(path))
    return {
      status: 404,
      body: {
        detail: 'Not Found: the path has malformed percent-encoding (a % not followed by UTF-8 in hex)',
      },
    };
  if (question === -1) return undefined;
  for (const pair of target.slice(question + 1).split('&')) {
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    const name = rawName.replaceAll('+', ' ');
    if (decodes(name) && decodes(rawValue.replaceAll('+', ' '))) continue;
    return {
      status: 422,
      body: {
        detail: [
          {
            loc: ['query', decodes(name) ? decodeURIComponent(name) : name],
            msg: 'Input has malformed percent-encoding (a % not followed by UTF-8 in hex)',
            type: 'value_error',
            input: rawValue,
          },
        ],
      },
    };
  }
  return undefined;
}
