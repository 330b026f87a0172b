// A stream's whole-turn limit (`streamTimeout`): one timer from sending the request to the stream's last event,
// across the transport (attempts, waits, headers) and the reader (the body), so a stream that keeps trickling
// bytes still ends.
import { type LinkedController, linkedController } from './abort.js';

/** The reason a turn's signal aborts with when its limit fired. */
export const TURN_EXPIRED = Symbol('streamTimeout');

/** The limit on one streamed call: a signal that aborts with {@link TURN_EXPIRED} when it passes. */
export interface TurnLimit {
  /** Aborts when the caller's signal does (with its reason) or when the limit passes. */
  readonly signal: AbortSignal;
  /** The limit, in ms. */
  readonly ms: number;
  /** Whether the limit passed (not the caller aborting). */
  readonly expired: boolean;
  /** Stops the timer and unlinks from the caller's signal; call it when the stream is over. */
  release(): void;
}

/** A turn limit of `ms` started now, on `schedule`, linked to the caller's signal. */
export function startTurnLimit(
  ms: number,
  schedule: (ms: number, callback: () => void) => () => void,
  caller: AbortSignal | undefined,
): TurnLimit {
  const link: LinkedController = linkedController(caller);
  const cancel = schedule(ms, () => link.abort(TURN_EXPIRED));
  return {
    signal: link.signal,
    ms,
    get expired() {
      return link.signal.reason === TURN_EXPIRED;
    },
    release() {
      cancel();
      link.release();
    },
  };
}

/** What a TimeoutError says of a stream its whole-turn limit ended, after `events` events. */
export const turnOutcome = (what: string, ms: number, events: number): string =>
  `The ${what} passed its streamTimeout of ${ms} ms, the limit from request to last event, after ${events} ` +
  `event${events === 1 ? '' : 's'}: it was cut off and is not sent again.`;
