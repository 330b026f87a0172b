// What every server of this package hands back: where it listens and how to stop it.

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops listening and ends every connection, requests in flight included. Safe to call twice. */
  close(): Promise<void>;
}

/** `fn`, run once; later calls get the first call's promise. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}
