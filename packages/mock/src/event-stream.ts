// Sending a turn's Server-Sent Events as a stream: one event at a time, with a gap between events, so a client
// sees each event arrive on its own (for the mock's scripted turns, and for a body Prism answers with whole).
// Nothing here knows of Prism or of the spec.
import type { ServerResponse } from 'node:http';

/** The gap between two events of a replayed stream, in milliseconds, unless told otherwise. */
export const DEFAULT_STREAM_GAP_MS = 60;

/** The most a gap can be: setTimeout takes up to 2^31 - 1 ms, and fires at once for more. */
const MAX_GAP_MS = 2 ** 31 - 1;

/** A `streamGapMs` option, checked: the default when not given; a RangeError when not from 0 to 2^31 - 1. */
export function checkStreamGap(value: number | undefined): number {
  if (value === undefined) return DEFAULT_STREAM_GAP_MS;
  if (!(value >= 0 && value <= MAX_GAP_MS))
    throw new RangeError(`streamGapMs must be from 0 to ${MAX_GAP_MS} (ms); got ${value}`);
  return value;
}

/** How the replay of one event stream ended, for `onStreamEnd`. */
export interface StreamEnd {
  /** The request's method and path (with its query), e.g. `POST /api/v1/chat/ses-abc123/messages/stream`. */
  request: string;
  /** How many events the body had. */
  events: number;
  /** How many of them were written before the replay ended. */
  sent: number;
  /** True when every event was written and the response ended; false when the caller went away first. */
  complete: boolean;
}

/** Whether a `content-type` header names `text/event-stream` (parameters such as a charset allowed). */
export function isEventStream(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value?.split(';')[0]?.trim().toLowerCase() === 'text/event-stream';
}

const LINE = /[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g;
const BLANK = /^(?:\r\n|\r|\n)$/;

/**
 * The events of an SSE text, in order, each with the blank line that ends it, so that they join back into the
 * text. Blank lines before an event stay with it (they dispatch nothing); comment, `event:`, `id:` and `retry:`
 * lines stay with the event they are in. A last event without its blank line gets one (`\n`): the SSE spec has a
 * reader drop an event the stream ends in the middle of, and a stream replayed event by event should end each
 * event as it sends it. Blank lines after the last event stay with it.
 */
export function splitEvents(text: string): string[] {
  const events: string[] = [];
  let current = '';
  let hasField = false;
  for (const line of text.match(LINE) ?? []) {
    current += line;
    if (!BLANK.test(line)) hasField = true;
    else if (hasField) {
      events.push(current);
      current = '';
      hasField = false;
    }
  }
  if (hasField) {
    if (!/[\r\n]$/.test(current)) current += '\n';
    events.push(`${current}\n`);
  } else if (current) {
    if (events.length > 0) events[events.length - 1] += current;
    else events.push(current);
  }
  return events;
}

/** A stream cut short on purpose (a fault): after `after` events, the connection is cut, or goes silent. */
export interface StreamCut {
  after: number;
  how: 'drop' | 'stall';
}

/**
 * Writes `events` to `res` (whose head is already written) one at a time: the first at once, each next one
 * `gapMs` after the previous one was handed to the socket (after a `drain`, if it was not). Ends the response
 * after the last (or, with `cut`, stops after `cut.after` of them). If the caller goes away (the response closes before it ends), it stops at once: no further
 * write, no timer left. Resolves with how many events were written and whether the replay completed.
 */
export function replayEvents(
  res: ServerResponse,
  events: readonly string[],
  gapMs: number,
  cut?: StreamCut,
): Promise<{ sent: number; complete: boolean }> {
  return new Promise((resolve) => {
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (complete: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      timer = undefined;
      res.off('close', onClose);
      res.off('drain', schedule);
      resolve({ sent, complete });
    };
    const onClose = () => settle(false);
    function schedule() {
      timer = setTimeout(next, gapMs);
    }
    function next() {
      timer = undefined;
      if (settled) return;
      if (res.destroyed) return settle(false);
      if (sent === events.length) {
        res.end();
        return settle(true);
      }
      if (cut && sent === cut.after) {
        if (cut.how === 'drop') {
          res.destroy();
          return settle(false);
        }
        // A stall: nothing more is written; the caller going away (or close()) settles it.
        return;
      }
      const flushed = res.write(events[sent]);
      sent += 1;
      if (sent === events.length) {
        res.end();
        return settle(true);
      }
      if (flushed) schedule();
      else res.once('drain', schedule);
    }
    res.once('close', onClose);
    next();
  });
}
