// Progress on stderr, only when stderr is a terminal: pages and sessions fetched, and the rate.
import ora, { type Ora } from 'ora';
import type { Output } from '../io.js';
import { plural } from './text.js';

export interface Progress {
  /** Shows the spinner (after any messages that come before the listing). */
  start(): void;
  /** Called after each page. */
  update(pages: number, sessions: number): void;
  /** Runs `write` with the spinner cleared, so output on the same terminal is not garbled. */
  around<T>(write: () => Promise<T>): Promise<T>;
  /** Stops the spinner, leaving `summary` (if any) on its line. Safe to call twice. */
  stop(summary?: string): void;
}

/**
 * A spinner on `stream` when it is a terminal; nothing otherwise. Whether it animates follows `env` (not on a
 * dumb terminal or in CI), as ora would decide from process.env.
 */
export function progress(stream: Output, env: Readonly<Record<string, string | undefined>>): Progress {
  if (!stream.isTTY) return { start() {}, update() {}, around: (write) => write(), stop() {} };
  const started = performance.now();
  const spinner: Ora = ora({
    stream: stream as NodeJS.WritableStream,
    discardStdin: false,
    isEnabled: env.TERM !== 'dumb' && !('CI' in env),
    text: 'Fetching sessions…',
  });
  let stopped = false;
  return {
    start() {
      if (!stopped) spinner.start();
    },
    update(pages, sessions) {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(sessions / seconds) : 0;
      spinner.text = `${plural(pages, 'page')}, ${plural(sessions, 'session')} (${rate}/s)`;
    },
    async around(write) {
      spinner.clear();
      try {
        return await write();
      } finally {
        spinner.render();
      }
    },
    stop(summary) {
      if (stopped) return;
      stopped = true;
      if (summary) spinner.succeed(summary);
      else spinner.stop();
    },
  };
}
