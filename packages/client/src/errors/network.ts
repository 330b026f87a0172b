// Errors for a request that got no usable answer: the network failed, a timeout fired, the caller aborted, or a
// stream was cut off. Each keeps what a caller decides by as fields: how many attempts were made, and whether the
// request may have taken effect although no answer said so.
import { type ListingContext, LlamaCloudError, type RequestTarget } from './base.js';
import { describeCause } from './details.js';

/** The facts of a request that may have been retried or may have taken effect, as fields of its error. */
export interface AttemptFacts extends ListingContext {
  target: RequestTarget;
  /** Attempts made, retries included. @default 1 */
  attempts?: number | undefined;
  /**
   * Set when the request must not simply be sent again and may have reached the server: the sentence that says
   * what to do, e.g. "The session may or may not have been created". Makes the error `uncertain`.
   */
  uncertainOutcome?: string | undefined;
  cause?: unknown;
}

const attemptsNote = (attempts: number) => (attempts > 1 ? ` (${attempts} attempts)` : '');

/** Base of the errors that carry {@link AttemptFacts}. */
export abstract class AttemptError extends LlamaCloudError {
  /** `GET /api/v1/chat`. */
  readonly target: RequestTarget;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** Whether the request may have reached the server and taken effect: check before sending it again. */
  readonly uncertain: boolean;
  /** What to do about it, when `uncertain`. */
  readonly uncertainOutcome: string | undefined;

  constructor(message: string, facts: AttemptFacts) {
    super(message, facts);
    this.target = facts.target;
    this.attempts = facts.attempts ?? 1;
    this.uncertain = facts.uncertainOutcome !== undefined;
    this.uncertainOutcome = facts.uncertainOutcome;
  }
}

/**
 * The network failed: DNS, refused or reset connection, TLS, or (the subclass TimeoutError) no answer in time.
 * The official SDK's name for it, `APIConnectionError`, is the same class.
 */
export class ConnectionError extends AttemptError {
  readonly kind: 'connection' | 'timeout' = 'connection';

  constructor(facts: AttemptFacts, /** @internal A subclass's own message. */ message?: string) {
    const { target, cause, uncertainOutcome } = facts;
    super(
      message ??
        `Could not reach the API for ${target}${attemptsNote(facts.attempts ?? 1)}: ${describeCause(cause)}. ` +
          (uncertainOutcome ? `${uncertainOutcome} ` : '') +
          'Check the network and LLAMA_CLOUD_BASE_URL.',
      facts,
    );
  }
}

/**
 * Which limit a {@link TimeoutError} hit: `attempt`, one attempt's `timeout` (for a stream: until its response
 * headers); `idle`, a stream's `timeout` between two chunks of its body; `turn`, a stream's `streamTimeout`, from
 * the request to its last event.
 */
export type TimeoutLimit = 'attempt' | 'idle' | 'turn';

/**
 * A request took longer than its timeout. A ConnectionError, as the SDK's timeout is an `APIConnectionError`;
 * `APIConnectionTimeoutError` is the same class.
 */
export class TimeoutError extends ConnectionError {
  override readonly kind = 'timeout';
  /** The limit that was applied, in ms, when known. */
  readonly timeoutMs: number | undefined;
  /** Which limit it was: an attempt's, a stream's idle one between bytes, or a stream's whole-turn one. */
  readonly limit: TimeoutLimit;

  constructor(facts: AttemptFacts & { timeoutMs?: number | undefined; limit?: TimeoutLimit | undefined }) {
    const { target, timeoutMs, uncertainOutcome, limit = 'attempt' } = facts;
    const attempts = facts.attempts ?? 1;
    const perAttempt = attempts > 1 && limit === 'attempt' ? ' per attempt' : '';
    const name = limit === 'attempt' ? '' : limit === 'idle' ? ' (idle timeout)' : ' (streamTimeout)';
    const after = timeoutMs === undefined ? '' : ` after ${timeoutMs} ms${perAttempt}`;
    super(
      facts,
      `${target} timed out${after}${name}${attemptsNote(attempts)}.${uncertainOutcome ? ` ${uncertainOutcome}` : ''}`,
    );
    this.timeoutMs = timeoutMs;
    this.limit = limit;
  }
}

/** The caller aborted the request through its AbortSignal. The official SDK's `APIUserAbortError` is this class. */
export class AbortedError extends AttemptError {
  readonly kind = 'aborted';

  constructor(facts: AttemptFacts) {
    const { target, uncertainOutcome } = facts;
    super(`${target} was aborted by the caller.${uncertainOutcome ? ` ${uncertainOutcome}` : ''}`, facts);
  }
}

/** A streamed response ended (the connection dropped or closed) before its last event. Nothing is sent again. */
export class StreamInterruptedError extends AttemptError {
  readonly kind = 'stream_interrupted';
  /** Events received before the cut. */
  readonly eventsReceived: number;
  /** What ended it, e.g. `the connection dropped`. */
  readonly reason: string;

  constructor(facts: Omit<AttemptFacts, 'uncertainOutcome'> & { eventsReceived: number; reason: string }) {
    const { target, eventsReceived, reason } = facts;
    const outcome = 'It is not sent again; retrieve the session to see what the server kept.';
    super(
      `${target} was cut off after ${eventsReceived} event${eventsReceived === 1 ? '' : 's'} (${reason}): the turn ` +
        `may be incomplete. ${outcome}`,
      // A turn that started may have run: always uncertain.
      { ...facts, uncertainOutcome: outcome },
    );
    this.eventsReceived = eventsReceived;
    this.reason = reason;
  }
}
