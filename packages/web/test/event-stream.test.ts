// A turn's events as an SSE body: one `data:` line per event, an unknown event sent on as it came, and a turn cut
// off upstream ended with a comment instead of an error, so the page's client reports it as cut off.
import type { ChatStreamEvent } from '@llamacloud-chat/client';
import { describe, expect, it } from 'vitest';
import { eventStreamOf, frameOf } from '../src/relay/event-stream.js';

const text = (body: ReadableStream<Uint8Array>) => new Response(body).text();

describe('frameOf', () => {
  it('writes one data: line of JSON and the blank line that ends the event', () => {
    expect(frameOf({ type: 'text_delta', content: 'Q3 rev\nenue' })).toBe(
      'data: {"type":"text_delta","content":"Q3 rev\\nenue"}\n\n',
    );
  });

  it('sends an event the client did not know exactly as it came', () => {
    const unknown: ChatStreamEvent = {
      type: 'unknown',
      unknownType: 'citation',
      event: { type: 'citation', page: 4 },
    };
    expect(frameOf(unknown)).toBe('data: {"type":"citation","page":4}\n\n');
  });
});

describe('eventStreamOf', () => {
  it('ends a turn cut off upstream after the events that came, with a comment saying why', async () => {
    let step = 0;
    const events = new ReadableStream<ChatStreamEvent>({
      pull(controller) {
        if (step++ === 0) controller.enqueue({ type: 'text_delta', content: 'Half' });
        else controller.error(new Error('turn cut off after 1 events:\nconnection reset'));
      },
    });
    expect(await text(eventStreamOf(events))).toBe(
      'data: {"type":"text_delta","content":"Half"}\n\n: the turn was cut off upstream: turn cut off after 1 events: connection reset\n\n',
    );
  });

  it('cancels the events when the body is cancelled', async () => {
    let cancelled: unknown;
    const events = new ReadableStream<ChatStreamEvent>({
      pull(controller) {
        controller.enqueue({ type: 'text_delta', content: 'more' });
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const body = eventStreamOf(events);
    const reader = body.getReader();
    await reader.read();
    await reader.cancel('the page went away');
    expect(cancelled).toBe('the page went away');
  });
});
