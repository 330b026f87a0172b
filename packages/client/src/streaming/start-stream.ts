// Opens the reader a streaming operation asks for: the chat turn's (with its helpers) or the generic one. The
// lazily loaded entry of the streaming code: a program that never streams never loads it.
import type { RequestTarget } from '../errors/index.js';
import type { Operation } from '../operations/operation.js';
import type { OpenedStream } from '../transport.js';
import { ChatStream } from './chat-stream.js';
import { checkEventStream, EventStream } from './event-stream.js';

/** The stream over an opened 2xx, once its content-type says it is an event stream. */
export async function startEventStream(
  target: RequestTarget,
  opened: OpenedStream,
  caller: AbortSignal | undefined,
  operation: Operation,
): Promise<EventStream> {
  await checkEventStream(target, opened);
  const spec = {
    known: operation.events?.known ?? [],
    discriminator: operation.events?.discriminator ?? 'type',
  };
  return operation.helpers === 'chat-turn'
    ? new ChatStream(target, opened, caller, spec)
    : new EventStream(target, opened, caller, spec);
}
