// Abort signals: the one place that links a signal to another, combines two, or sleeps until one fires.

/** A controller that also aborts when `parent` does, until `release()` unlinks it. */
export interface LinkedController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Stops listening to the parent. Call it when the work the signal guards is over. */
  release(): void;
}

/**
 * A fresh controller linked to `parent`. Each request gets its own: a Request keeps a listener on its signal
 * until it is garbage-collected, so sharing one signal across thousands of requests piles listeners onto it.
 */
export function linkedController(parent?: AbortSignal | undefined): LinkedController {
  const controller = new AbortController();
  if (!parent) return { signal: controller.signal, abort: (r) => controller.abort(r), release: () => {} };
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    release: () => parent.removeEventListener('abort', onAbort),
  };
}

/** One signal that aborts when either does; undefined when neither is given. */
export function eitherSignal(
  a: AbortSignal | undefined,
  b: AbortSignal | undefined,
): AbortSignal | undefined {
  if (!a || !b || a === b) return a ?? b;
  return AbortSignal.any([a, b]);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
