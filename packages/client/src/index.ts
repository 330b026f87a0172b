// Public entry of @llamacloud-chat/client.
import { LlamaCloud } from './llama-cloud.js';

export default LlamaCloud;
export { APIPromise } from './api-promise.js';
export { createClient, type LlamaCloudClient } from './create-client.js';
export { createSdk } from './create-sdk.js';
export {
  AbortedError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  type AttemptFacts,
  AuthenticationError,
  BadRequestError,
  ClientConfigError,
  ConflictError,
  ConnectionError,
  CursorLoopError,
  type ErrorKind,
  InternalServerError,
  InvalidRequestError,
  LlamaCloudError,
  MalformedResponseError,
  NotFoundError,
  PageLimitError,
  PermissionDeniedError,
  RateLimitError,
  type RequestField,
  type RequestProblem,
  ResponseTooLargeError,
  StreamInterruptedError,
  TimeoutError,
  type TimeoutLimit,
  TooManyRedirectsError,
  UnprocessableEntityError,
} from './errors/index.js';
export type { components, operations, paths } from './generated/openapi.js';
export type * from './generated/openapi.types.js';
export { LlamaCloud } from './llama-cloud.js';
export type { FieldSpec, Operation, Reads } from './operations/operation.js';
export type { Resource, Resources } from './operations/resource.js';
export { type ClientOptions, DEFAULT_BASE_URL, EU_BASE_URL, type RetryTimers } from './options.js';
export { Page } from './pagination/page.js';
export { PagePromise } from './pagination/page-promise.js';
export {
  DEFAULT_MAX_PAGES,
  type PageBody,
  type PageItem,
  type PageQuery,
  type PaginatedPath,
  type PaginateOptions,
  paginate,
} from './pagination/paginate.js';
export type {
  HeadersLike,
  HTTPMethod,
  ListRequestOptions,
  RequestOptions,
} from './request-options.js';
// Types only: a program that never streams must not load the stream reader (see run-operation.ts).
export type { ChatStream } from './streaming/chat-stream.js';
export type { ChatStreamEvent, UnknownChatEvent, UnknownEvent } from './streaming/event-decoder.js';
export type { EventStream } from './streaming/event-stream.js';
export { ChatStreamPromise, EventStreamPromise } from './streaming/stream-promise.js';

import type { ChatOperations } from './generated/openapi.types.js';
import type { Resource } from './operations/resource.js';
import type { RequestOptions as CallRequestOptions } from './request-options.js';
/** `client.chat` (and `client.beta.chat`): the chat resource's methods. */
export type Chat = Resource<ChatOperations>;
/** Options of one call: the SDK's `RequestOptions`. */
export type CallOptions = CallRequestOptions;
