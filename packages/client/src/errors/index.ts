// The client's error family, in one place: every class, and ErrorKind derived from the classes.

import type { APIError, InternalServerError, STATUS_ERRORS } from './api-error.js';
import type { ClientConfigError, InvalidRequestError } from './base.js';
import type { ResponseTooLargeError, TooManyRedirectsError } from './limits.js';
import type { CursorLoopError, PageLimitError } from './listing.js';
import type { AbortedError, ConnectionError, StreamInterruptedError, TimeoutError } from './network.js';
import type { MalformedResponseError } from './response.js';

export * from './api-error.js';
export * from './base.js';
export * from './limits.js';
export * from './listing.js';
export * from './network.js';
// The official SDK's names for three of ours: the same classes, so `instanceof` written for the SDK holds.
export {
  AbortedError as APIUserAbortError,
  ConnectionError as APIConnectionError,
  TimeoutError as APIConnectionTimeoutError,
} from './network.js';
export * from './response.js';

/** The stable, machine-readable kinds of failure, one per error class. */
export type ErrorKind = InstanceType<
  | typeof ClientConfigError
  | typeof InvalidRequestError
  | typeof APIError
  | (typeof STATUS_ERRORS)[keyof typeof STATUS_ERRORS]
  | typeof InternalServerError
  | typeof ConnectionError
  | typeof TimeoutError
  | typeof AbortedError
  | typeof StreamInterruptedError
  | typeof MalformedResponseError
  | typeof CursorLoopError
  | typeof PageLimitError
  | typeof ResponseTooLargeError
  | typeof TooManyRedirectsError
>['kind'];
