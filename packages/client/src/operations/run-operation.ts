// The one entry point that runs any generated operation: the params split into path, query and body and checked
// against the spec, the request built and sent by the client's core, and the 2xx read as the operation says (a
// JSON object checked for the fields the spec requires, a page, an event stream, or nothing).
import { APIPromise } from '../api-promise.js';
import type { ClientCore } from '../client-core.js';
import type { PagePromise } from '../pagination/page-promise.js';
import { startListing } from '../pagination/start-listing.js';
import { readObject } from '../read/read-object.js';
import type { ListRequestOptions, RequestOptions } from '../request-options.js';
import type { ChatStream } from '../streaming/chat-stream.js';
import type { EventStream } from '../streaming/event-stream.js';
import { ChatStreamPromise, EventStreamPromise } from '../streaming/stream-promise.js';
import type { Operation } from './operation.js';
import { requestParts } from './request-parts.js';

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
      return new APIPromise(async () => {
        const spec = requestParts(operation, pathValues, params);
        const { request, result } = await core.send(spec, options, 'ok');
        const data = readObject(operation, request.target, result);
        return { data, response: result.response, text: result.text };
      });
  }
}

function listOperation(
  core: ClientCore,
  operation: Operation,
  pathValues: readonly unknown[],
  params: unknown,
  options: ListRequestOptions | null | undefined,
): PagePromise<unknown, unknown> {
  return startListing(core, requestParts(operation, pathValues, params), options);
}

function streamOperation(
  core: ClientCore,
  operation: Operation,
  pathValues: readonly unknown[],
  params: unknown,
  options: RequestOptions | null | undefined,
): EventStreamPromise<unknown> {
  const open = async () => {
    // A program that never streams never loads the reader. It is loaded before the request is sent, not while:
    // a stream whose connection drops while the reader still loads would lose the events that came before the
    // drop (an errored body discards what it holds unread), and a reader that cannot load costs no request.
    const { startEventStream } = await import('../streaming/start-stream.js');
    const spec = requestParts(operation, pathValues, params);
    const { request, result, call } = await core.send(spec, options, 'stream');
    return startEventStream(request.target, result, call.signal, operation);
  };
  return operation.helpers === 'chat-turn'
    ? new ChatStreamPromise(open as () => Promise<ChatStream>)
    : new EventStreamPromise<unknown, EventStream>(open);
}
