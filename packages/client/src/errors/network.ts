// Errors for a request that got no usable answer: the network failed, a timeout fired, the caller aborted, or a
// stream was cut off.
import { type ListingContext, LlamaCloudError, type RequestTarget } from './base.js';
import { describeCause } from './details.js';

const attemptsNote = (attempts: number) => (attempts > 1 ? ` (${attempts} attempts)` : '');

/**
 * The network failed: DNS, refused or reset connection, TLS, or (the subclass TimeoutError) no answer in time.
 * The official SDK's name for it, `APIConnectionError`, is the same class.
 */
export class ConnectionError extends LlamaCloudError {
  readonly kind: 'connection' | 'timeout' = 'connection';

  constructor(
    target: RequestTarget,
    cause: unknown,
    attempts = 1,
    context: ListingContext = {},
    /** Said when the request may have reached the server and must not simply be sent again. */
    uncertain?: string,
    /** @internal A subclass's own message. */
    message?: string,
  ) {
    super(
      message ??
        `Could not reach the API for ${target}${attemptsNote(attempts)}: ${describeCause(cause)}. ` +
          (uncertain ? `${uncertain} ` : '') +
          'Check the network and LLAMA_CLOUD_BASE_URL.',
      { ...context, cause },
    );
  }
}

/**
 * A request took longer than its timeout. A ConnectionError, as the SDK's timeout is an `APIConnectionError`;
 * `APIConnectionTimeoutError` is the same class.
 */
export class TimeoutError extends ConnectionError {
  override readonly kind = 'timeout';
  /** The limit that was applied, in ms, when known. */
  readonly timeoutMs: number | undefined;

  constructor(
    target: RequestTarget,
    timeoutMs: number | undefined,
    attempts = 1,
    context: ListingContext & { cause?: unknown } = {},
    /** Said when the request may have reached the server and must not simply be sent again. */
    uncertain?: string,
  ) {
    const limit =
      timeoutMs === undefined ? '' : ` after ${timeoutMs} ms${attempts > 1 ? ' per attempt' : ''}`;
    const { cause, ...listing } = context;
    super(
      target,
      cause,
      attempts,
      listing,
      uncertain,
      `${target} timed out${limit}${attemptsNote(attempts)}.${uncertain ? ` ${uncertain}` : ''}`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the request through its AbortSignal. The official SDK's `APIUserAbortError` is this class. */
export class AbortedError extends LlamaCloudError {
  readonly kind = 'aborted';

  constructor(target: RequestTarget, cause?: unknown, context: ListingContext = {}) {
    super(`${target} was aborted by the caller.`, { ...context, cause });
  }
}

/** A streamed response ended (the connection dropped or closed) before its last event. Nothing is sent again. */
export class StreamInterruptedError extends LlamaCloudError {
  readonly kind = 'stream_interrupted';
  /** Events received before the cut. */
  readonly eventsReceived: number;
  /** What ended it, e.g. `the connection dropped`. */
  readonly reason: string;

  constructor(target: RequestTarget, eventsReceived: number, reason: string, cause?: unknown) {
    super(
      `${target} was cut off after ${eventsReceived} event${eventsReceived === 1 ? '' : 's'} (${reason}): the turn ` +
        'may be incomplete. It is not sent again; retrieve the session to see what the server kept.',
      { cause },
    );
    this.eventsReceived = eventsReceived;
    this.reason = reason;
  }
}
