// A node:http request's body as a web stream that reads only when asked (so a handler that stops reading, as the
// relay does past its body cap, leaves the rest on the socket), and what to do with that rest once the answer is
// out: read and drop it within a budget, so the connection can carry the caller's next request, or cut it.
import type { IncomingMessage } from 'node:http';

/** The most of an unread body dropped after the answer before the connection is cut instead. */
const DISCARD_BUDGET_BYTES = 8 * 1024 * 1024;
/** How long the rest of an unread body may take to arrive after the answer before the connection is cut. */
const DISCARD_GRACE_MS = 2_000;

export interface PulledBody {
  stream: ReadableStream<Uint8Array>;
  /** Stops feeding the stream; called once the answer is out. */
  detach(): void;
}

/** `req`'s body, read chunk by chunk as the stream is read, never ahead of it. */
export function pullBody(req: IncomingMessage): PulledBody {
  let wake: (() => void) | undefined;
  let failure: unknown;
  const notify = () => {
    const woken = wake;
    wake = undefined;
    woken?.();
  };
  const onError = (error: unknown) => {
    failure = error;
    notify();
  };
  req.on('readable', notify);
  req.on('end', notify);
  req.on('error', onError);
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (failure !== undefined) {
            controller.error(failure);
            return;
          }
          const chunk = req.read() as Buffer | null;
          if (chunk !== null) {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            return;
          }
          if (req.readableEnded) {
            controller.close();
            return;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      },
    },
    // Nothing is read before the handler asks: what it does not read stays on the socket.
    { highWaterMark: 0 },
  );
  return {
    stream,
    detach: () => {
      req.off('readable', notify);
      req.off('end', notify);
      req.off('error', onError);
    },
  };
}

/**
 * After an answer given before the body was all read (a 413, a refusal): drops the rest as it comes, so the
 * connection is free for the caller's next request, but cuts the connection once more than a budget arrives or
 * the rest takes too long. Memory stays bounded either way; nothing is kept. (Not `Connection: close`: node then
 * closes at once, and unread bytes make the kernel reset the connection, often before the caller read the answer.)
 */
export function discardRest(req: IncomingMessage): void {
  if (req.readableEnded || req.destroyed) return;
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DISCARD_GRACE_MS);
  const done = () => clearTimeout(timer);
  req.once('end', done);
  req.once('close', done);
  req.socket.once('close', done);
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_BUDGET_BYTES) cut();
  });
  req.on('error', () => {});
  // On the next tick: node lets a stream flow only once its 'readable' listeners are gone, which it notes then.
  process.nextTick(() => req.resume());
}
