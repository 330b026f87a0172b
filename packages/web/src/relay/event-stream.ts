// A turn's events, from the client's `toReadableStream()`, as the bytes of a `text/event-stream` body: one `data:`
// line of JSON per event. Cancelling the body (the page went away) cancels the events, which closes the turn's
// connection upstream.
import type { ChatStreamEvent } from '@llamacloud-chat/client';

const encoder = new TextEncoder();

/** One event as its SSE frame. An event the client did not know is sent on exactly as it came. */
export function frameOf(event: ChatStreamEvent): string {
  const data = event.type === 'unknown' && 'event' in event ? event.event : event;
  return `data: ${JSON.stringify(data)}\n\n`;
}

/**
 * The SSE body for `events`. A turn cut off upstream ends the body without its `stop` event, after a comment
 * saying why (readers skip comments): the page's client then reports the turn as cut off, as it would have
 * had it talked to the API itself. `onEnd` is called once, when the body ends or is cancelled, before a reader
 * sees the end.
 */
export function eventStreamOf(
  events: ReadableStream<ChatStreamEvent>,
  onEnd: () => void = () => {},
): ReadableStream<Uint8Array> {
  const reader = events.getReader();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) {
          end();
          controller.close();
        } else controller.enqueue(encoder.encode(frameOf(next.value)));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        end();
        controller.enqueue(
          encoder.encode(`: the turn was cut off upstream: ${why.replace(/[\r\n]+/g, ' ')}\n\n`),
        );
        controller.close();
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  });
}
