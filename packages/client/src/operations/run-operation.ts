// The one entry point that runs any generated operation: the call's options checked, the params split into path,
// query and body and checked against the spec, idempotency applied, and the 2xx read as the operation says
// (a JSON object checked for the fields the spec requires at its top level, a page, an event stream, or nothing).
import { type APIPromise, apiPromise } from '../api-promise.js';
import { type ClientCore, pathSegment } from '../client-core.js';
import type { RequestTarget } from '../errors/index.js';
import { decodeObject } from '../json-body.js';
import { isOfTypes, typesInWords } from '../json-types.js';
import type { PagePromise } from '../pagination/page-promise.js';
import { coreFetcher, startListing } from '../pagination/paginate.js';
import type { ListRequestOptions, RequestOptions } from '../request-options.js';
import type { ChatStream } from '../streaming/chat-stream.js';
import type { EventStream } from '../streaming/event-stream.js';
import { ChatStreamPromise, EventStreamPromise } from '../streaming/stream-promise.js';
import type { Operation } from './operation.js';
import { requestParts } from './request-parts.js';

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

/** Runs `operation` with a method's arguments: its path values, its flat params, its request options. */
export function runOperation(core: ClientCore, operation: Operation, args: readonly unknown[]): unknown {
  const count = operation.pathParams.length;
  const pathValues = args.slice(0, count);
  const params = args[count];
  const options = args[count + 1] as RequestOptions | null | undefined;
  switch (operation.reads) {
    case 'page':
      return listOperation(core, operation, pathValues, params, options);
    case 'events':
      return streamOperation(core, operation, pathValues, params, options);
    default:
      return jsonOperation(core, operation, pathValues, params, options);
  }
}

function jsonOperation(
  core: ClientCore,
  operation: Operation,
  pathValues: readonly unknown[],
  params: unknown,
  options: RequestOptions | null | undefined,
): APIPromise<unknown> {
  const check = requiredFields(operation);
  const send = async () => {
    const input = requestParts(operation, pathValues, params);
    const { request, exchange } = await core.send(operation.method, operation.path, input, options);
    const data =
      operation.reads === 'none'
        ? undefined
        : decodeObject(request.target, exchange, operation.noun ?? 'response', check);
    return { data, response: exchange.response, text: exchange.text };
  };
  return apiPromise(send());
}

function listOperation(
  core: ClientCore,
  operation: Operation,
  pathValues: readonly unknown[],
  params: unknown,
  options: ListRequestOptions | null | undefined,
): PagePromise<unknown, unknown> {
  const input = requestParts(operation, pathValues, params);
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    pathSegment(name, input.path?.[name]),
  );
  const target = `${operation.method} ${path}` as RequestTarget;
  return startListing(coreFetcher(core, path), target, input.query, options);
}

function streamOperation(
  core: ClientCore,
  operation: Operation,
  pathValues: readonly unknown[],
  params: unknown,
  options: RequestOptions | null | undefined,
): EventStreamPromise<unknown> {
  // The reader loads while the request is on its way; a program that never streams never loads it.
  const reader = import('../streaming/start-stream.js');
  reader.catch(() => {});
  const open = async () => {
    const input = requestParts(operation, pathValues, params);
    const { request, opened, signal } = await core.open(operation.method, operation.path, input, options);
    const { startEventStream } = await reader;
    return startEventStream(request.target, opened, signal, operation);
  };
  return operation.helpers === 'chat-turn'
    ? new ChatStreamPromise(open() as Promise<ChatStream>)
    : new EventStreamPromise<unknown, EventStream>(open());
}
