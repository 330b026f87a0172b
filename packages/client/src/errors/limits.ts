// Answers the client refuses to read on: one larger than a limit it was given, or a chain of redirects with no
// end. Neither is the network failing, and sending the request again would get the same answer, so neither is
// retried.
import { type ListingContext, LlamaCloudError, type RequestTarget } from './base.js';

/** What was being read when a limit was passed: a whole JSON or text body, or one event of an event stream. */
export type LimitedPart = 'body' | 'event';

/** The client option that sets each limit. */
const OPTION_OF: Record<LimitedPart, string> = { body: 'maxResponseBytes', event: 'maxEventBytes' };

const mib = (bytes: number) =>
  bytes >= 2 ** 20 && bytes % 2 ** 20 === 0
    ? `${bytes / 2 ** 20} MiB`
    : `${bytes.toLocaleString('en-US')} bytes`;

export interface ResponseTooLargeOptions extends ListingContext {
  target: RequestTarget;
  /** The response's status. */
  status: number;
  /** The limit that was passed, in bytes (decoded: after any gzip, deflate or br). */
  limit: number;
  reading: LimitedPart;
}

/**
 * A response larger than the client reads: its body (`maxResponseBytes`, counted after decompression, so a gzip
 * bomb stops here too) or one event of a stream, and with it any one line (`maxEventBytes`). Reading stopped at
 * the limit and the connection was closed; the request is not sent again.
 */
export class ResponseTooLargeError extends LlamaCloudError {
  readonly kind = 'response_too_large';
  readonly target: RequestTarget;
  readonly status: number;
  /** The limit that was passed, in bytes. */
  readonly limit: number;
  /** What was being read: the whole body, or one event of a stream. */
  readonly reading: LimitedPart;

  constructor(options: ResponseTooLargeOptions) {
    const { target, status, limit, reading } = options;
    const what = reading === 'body' ? 'its body' : 'one event of its stream (or one line of it)';
    super(
      `The ${status} response to ${target} is larger than the client reads: ${what} passed ${mib(limit)}. ` +
        `Reading stopped there and the request is not sent again; raise ${OPTION_OF[reading]} if the API ` +
        'really sends that much.',
      options,
    );
    this.target = target;
    this.status = status;
    this.limit = limit;
    this.reading = reading;
  }
}

/** The API redirected the request over and over (fetch follows at most 20 redirects); it is not sent again. */
export class TooManyRedirectsError extends LlamaCloudError {
  readonly kind = 'too_many_redirects';
  readonly target: RequestTarget;

  constructor(options: { target: RequestTarget; cause?: unknown } & ListingContext) {
    super(
      `${options.target} was redirected too many times (a redirect loop): fetch gave up following them. ` +
        'The request is not sent again; check LLAMA_CLOUD_BASE_URL.',
      options,
    );
    this.target = options.target;
  }
}
