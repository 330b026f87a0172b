// The stdio transport: one JSON-RPC message per line on stdin, one per line on stdout. A line over the limit is
// answered with JSON-RPC's parse error and skipped up to its end (the server goes on with the next line), as is a
// line that is not JSON; JSON that is not a JSON-RPC message is an invalid request. None of them stops the server.
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

/** The longest line read, in bytes (the SDK's own stdio transport stops at this size). */
export const DEFAULT_MAX_LINE_BYTES = 10 * 1024 * 1024;

const NEWLINE = 0x0a;

const errorReply = (code: number, message: string, id: string | number | null = null) =>
  `${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`;

export class LineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  /** The pieces of the line read so far, and their size. */
  #pieces: Buffer[] = [];
  #size = 0;
  /** True while the rest of a line over the limit is skipped. */
  #skipping = false;
  readonly #stdin: Readable;
  readonly #stdout: Writable;
  readonly #maxLineBytes: number;

  constructor(stdin: Readable, stdout: Writable, maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.#stdin = stdin;
    this.#stdout = stdout;
    this.#maxLineBytes = maxLineBytes;
  }

  async start(): Promise<void> {
    this.#stdin.on('data', this.#onData);
    this.#stdin.on('error', this.#onError);
  }

  #onError = (error: Error) => this.onerror?.(error);

  #onData = (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    while (start <= data.length) {
      const newline = data.indexOf(NEWLINE, start);
      const piece = data.subarray(start, newline === -1 ? data.length : newline);
      if (!this.#skipping && piece.length > 0) {
        if (this.#size + piece.length > this.#maxLineBytes) this.#overLimit();
        else {
          this.#pieces.push(piece);
          this.#size += piece.length;
        }
      }
      if (newline === -1) return;
      if (this.#skipping) this.#skipping = false;
      else this.#line(Buffer.concat(this.#pieces, this.#size).toString('utf8'));
      this.#pieces = [];
      this.#size = 0;
      start = newline + 1;
    }
  };

  /** The line is too long: answered now, its rest skipped as it comes, nothing of it kept. */
  #overLimit() {
    this.#skipping = true;
    this.#pieces = [];
    this.#size = 0;
    this.#write(
      errorReply(
        -32700,
        `Parse error: a message over ${this.#maxLineBytes} bytes was dropped unread. Messages are one a line, each at most that size.`,
      ),
    );
  }

  #line(text: string) {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.#write(errorReply(-32700, 'Parse error: the line is not JSON.'));
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const id = (value as { id?: unknown } | null)?.id;
      this.#write(
        errorReply(
          -32600,
          'Invalid Request: the line is not a JSON-RPC 2.0 message.',
          typeof id === 'string' || typeof id === 'number' ? id : null,
        ),
      );
      return;
    }
    this.onmessage?.(parsed.data);
  }

  #write(text: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stdout.write(text)) resolve();
      else this.#stdout.once('drain', resolve);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.#write(`${JSON.stringify(message)}\n`);
  }

  async close(): Promise<void> {
    this.#stdin.off('data', this.#onData);
    this.#stdin.off('error', this.#onError);
    if (this.#stdin.listenerCount('data') === 0) this.#stdin.pause();
    this.#pieces = [];
    this.#size = 0;
    this.onclose?.();
  }
}
