// Progress on stderr, only when stderr is a terminal: pages and sessions fetched, and the rate.
import ora, { type Ora } from 'ora';

export interface Progress {
  /** Called after each page. */
  update(pages: number, sessions: number): void;
  /** Runs `write` with the spinner cleared, so output on the same terminal is not garbled. */
  around<T>(write: () => Promise<T>): Promise<T>;
  stop(summary?: string): void;
}

export function progress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update() {}, around: (write) => write(), stop() {} };
  const started = performance.now();
  const spinner: Ora = ora({ stream, discardStdin: false, text: 'Fetching sessions…' }).start();
  return {
    update(pages, sessions) {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(sessions / seconds) : 0;
      spinner.text = `${pages} page${pages === 1 ? '' : 's'}, ${sessions} session${sessions === 1 ? '' : 's'} (${rate}/s)`;
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
      if (summary) spinner.succeed(summary);
      else spinner.stop();
    },
  };
}
