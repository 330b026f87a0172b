// A clock for the client's `retryTimers` that moves only when a test advances it: timeouts fire, and retries'
// waits end, in the order the test says, however loaded the machine is. Nothing here reads the real time.
import type { RetryTimers } from '../../src/index.js';

interface Timer {
  at: number;
  ms: number;
  callback: () => void;
}

/** Manual timers: pass `retryTimers` to the client, then `advance()` the clock. */
export function manualTimers() {
  let now = 0;
  const pending = new Set<Timer>();
  const watchers = new Set<(ms: number) => void>();

  const schedule = (ms: number, callback: () => void): (() => void) => {
    const timer = { at: now + ms, ms, callback };
    pending.add(timer);
    for (const watcher of [...watchers]) watcher(ms);
    return () => void pending.delete(timer);
  };

  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        cancel();
        reject(signal?.reason);
      };
      const cancel = schedule(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  const retryTimers: RetryTimers = { schedule, sleep, random: () => 0, now: () => now };

  return {
    retryTimers,
    /** The manual clock, in ms since the timers were made. */
    now: () => now,
    /** Moves the clock `ms` ahead, firing each timer that falls due on the way, earliest first. */
    advance(ms: number): void {
      const until = now + ms;
      for (;;) {
        let next: Timer | undefined;
        for (const timer of pending) if (timer.at <= until && (!next || timer.at < next.at)) next = timer;
        if (!next) break;
        pending.delete(next);
        now = next.at;
        next.callback();
      }
      now = until;
    },
    /** How many timers of `ms` are waiting to fire. */
    pending: (ms: number) => [...pending].filter((timer) => timer.ms === ms).length,
    /** Resolves the next time a timer of `ms` is set: call it before causing that. */
    nextSet(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const watcher = (set: number) => {
          if (set !== ms) return;
          watchers.delete(watcher);
          resolve();
        };
        watchers.add(watcher);
      });
    },
  };
}

export type ManualTimers = ReturnType<typeof manualTimers>;
