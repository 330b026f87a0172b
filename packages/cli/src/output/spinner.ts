// A spinner on stderr while the CLI waits with nothing to show (the built-in mock starting, a turn's first
// event): only on a terminal that can animate it, and gone without a trace once the wait is over.
import ora from 'ora';
import type { Output } from '../io.js';

export interface Spinner {
  start(): void;
  /** Clears it from the terminal. Safe to call twice, or without start(). */
  stop(): void;
}

/**
 * Whether a spinner may animate on `stream`: a terminal that can move its cursor, not a dumb one, and not in CI
 * (as ora decides from process.env, here from the environment the CLI was given).
 */
export function canAnimate(stream: Output, env: Readonly<Record<string, string | undefined>>): boolean {
  const cursor = typeof (stream as { cursorTo?: unknown }).cursorTo === 'function';
  return stream.isTTY === true && cursor && env.TERM !== 'dumb' && !('CI' in env);
}

/** A spinner saying `text` on `stream`; where it cannot animate, nothing at all (no static line either). */
export function spinner(
  stream: Output,
  env: Readonly<Record<string, string | undefined>>,
  text: string,
): Spinner {
  if (!canAnimate(stream, env)) return { start() {}, stop() {} };
  const shown = ora({ stream: stream as NodeJS.WritableStream, discardStdin: false, isEnabled: true, text });
  let spinning = false;
  return {
    start() {
      spinning = true;
      shown.start();
    },
    stop() {
      // ora writes (clears the line, shows the cursor) even when it never started: only a spinner that did stops.
      if (spinning) shown.stop();
      spinning = false;
    },
  };
}
