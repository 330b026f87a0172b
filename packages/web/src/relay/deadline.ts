// One deadline for a whole relayed call, retries and backoff included: a browser waits for the relay, and the
// client's own limits (60 s an attempt, three attempts) add up to minutes no page should sit through.

/** The relay's deadline for a call. @default 30 s */
export const DEFAULT_DEADLINE_MS = 30_000;
/** The longest deadline a node timer can hold (about 24.8 days). */
export const MAX_DEADLINE_MS = 2 ** 31 - 1;

export interface Deadline {
  /** Aborts when the caller goes away or the deadline passes. */
  signal: AbortSignal;
  /** Whether the deadline (not the caller) ended the call. */
  expired(): boolean;
  /** Stops the clock: the call answered (or, for a stream, opened). */
  clear(): void;
}

/** Starts the clock for one call made on behalf of `caller` (the request's own signal). */
export function startDeadline(caller: AbortSignal, ms: number): Deadline {
  const clock = new AbortController();
  const timer = setTimeout(
    () => clock.abort(new DOMException(`The relay's deadline of ${ms} ms passed.`, 'TimeoutError')),
    ms,
  );
  return {
    signal: AbortSignal.any([caller, clock.signal]),
    expired: () => clock.signal.aborted,
    clear: () => clearTimeout(timer),
  };
}
