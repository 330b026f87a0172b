// Writing to stdout as a pipe wants it: waiting while it is full, and taking a reader that went away (EPIPE) as
// an answer rather than a crash.
import type { Writable } from 'node:stream';

/**
 * Writes to `out`, one page at a time, waiting when the pipe is full. A failure of the stream (EPIPE when the
 * reader went away, as with `| head`) is kept by one listener for the writer's whole life, so it is never
 * thrown at the process; the next write rejects with it.
 */
export function pipeWriter(out: Writable) {
  let failure: Error | undefined;
  out.on('error', (error) => {
    failure ??= error;
  });
  return (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      const flushed = out.write(text, (error) => {
        if (error) reject(error);
      });
      if (flushed) resolve();
      else out.once('drain', resolve);
    });
}
