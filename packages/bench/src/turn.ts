// The chat turns the streaming benchmarks serve, shaped like the spec's example turn: a `user_input` first,
// `text_delta`s, a `stop` last, one JSON event per `data:` field and a blank line after each.

/**
 * Milliseconds since the epoch, to a fraction of a millisecond, comparable between the server's process and a
 * client's: `performance.timeOrigin` is the wall clock read when each process started and `performance.now()`
 * the monotonic time since, so both processes read the one system clock. (Date.now() would do as well, to the
 * millisecond.) main.ts checks that the server received the request after the client sent it and wrote the first
 * event before the client had it, so a disagreement between the two processes fails the run rather than skews it.
 */
export const clock = () => performance.timeOrigin + performance.now();

/** Carried by the first event of a paced turn, on `clock()`: when the request came in, when the event was written. */
export interface FirstEventStamps {
  received_at: number;
  written_at: number;
}

/** What stream-child.ts reports of one measured turn, in ms on `clock()`. */
export interface StreamMeasurement {
  count: number;
  /** From calling the reader to the first event in hand, and to the end of the turn. */
  firstMs: number;
  totalMs: number;
  /**
   * CPU time this process spent on the turn (all its threads, so GC helpers too): on a shared machine, less
   * sensitive than `totalMs` to other work taking turns on the cores.
   */
  cpuMs: number;
  /** From the server writing the first event to its being in hand (paced turns only, else NaN). */
  firstDelayMs: number;
  /** Server's receipt of the request minus this process's sending it: negative means the clocks disagree. */
  receivedAfterSendMs: number;
}

const pieces = ['Q3 revenue grew 12% ', 'quarter over quarter, ', 'driven by enterprise renewals. '];

/** Event `i` of a turn of `total`, framed: `data: {json}` and a blank line. */
export function turnEvent(i: number, total: number, stamps?: FirstEventStamps): string {
  if (i === 0) {
    const extra = stamps ? `,"bench":${JSON.stringify(stamps)}` : '';
    return `data: {"type":"user_input","content":"What were the main findings in Q3?"${extra}}\n\n`;
  }
  if (i === total - 1) {
    return (
      'data: {"type":"stop","error":null,"is_error":false,' +
      `"usage":{"duration_ms":${total * 10},"total_input_tokens":1523,"total_output_tokens":${total},"turns":1}}\n\n`
    );
  }
  return `data: {"type":"text_delta","content":${JSON.stringify(pieces[i % pieces.length])}}\n\n`;
}
