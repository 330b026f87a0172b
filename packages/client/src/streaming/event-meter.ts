// Counts the bytes of the event a Server-Sent Events stream is in the middle of, so that a server sending one
// endless line (or an event that never ends) is stopped at a limit instead of filling memory: the SSE parser
// would otherwise keep every byte of an unfinished line. Pure: bytes in, the count out.

const LF = 0x0a;
const CR = 0x0d;

export class EventMeter {
  readonly #limit: number;
  /** Bytes of the current event so far, line breaks not counted. */
  #eventBytes = 0;
  /** Bytes of the current line so far; 0 at the start of a line. */
  #lineBytes = 0;
  /** The last byte was a CR: an LF now is the rest of the same CRLF line break. */
  #afterCR = false;

  /** `limit`: the most bytes one event (and so any one line of it) may have. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Counts `chunk`; false once the event it is in has passed the limit. An empty line (a line break at the start
   * of a line) ends an event, whichever of LF, CR or CRLF the server uses.
   */
  add(chunk: Uint8Array): boolean {
    let event = this.#eventBytes;
    let line = this.#lineBytes;
    let afterCR = this.#afterCR;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === LF || byte === CR) {
        if (byte === LF && afterCR) {
          afterCR = false;
          continue;
        }
        afterCR = byte === CR;
        if (line === 0) event = 0;
        line = 0;
        continue;
      }
      afterCR = false;
      line++;
      if (++event > this.#limit) return false;
    }
    this.#eventBytes = event;
    this.#lineBytes = line;
    this.#afterCR = afterCR;
    return true;
  }
}
