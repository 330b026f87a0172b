// Public entry of @llamacloud-chat/client.
import { LlamaCloud } from './llama-cloud.js';

export default LlamaCloud;
export type { APIPromise } from './api-promise.js';
export { createClient, type LlamaCloudClient } from './create-client.js';
export {
  AbortedError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
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
  StreamInterruptedError,
  TimeoutError,
  UnprocessableEntityError,
} from './errors/index.js';
export type { components, operations, paths } from './generated/openapi.js';
export { LlamaCloud } from './llama-cloud.js';
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
export { type CallOptions, Chat } from './resources/chat.js';
export { ChatStream, ChatStreamPromise } from './streaming/chat-stream.js';
export type { ChatStreamEvent, UnknownChatEvent } from './streaming/event-decoder.js';
export type {
  ChatCreateParams,
  ChatCreateResponse,
  ChatDeleteParams,
  ChatEvent,
  ChatGetSummaryParams,
  ChatGetSummaryResponse,
  ChatListPage,
  ChatListParams,
  ChatListResponse,
  ChatRetrieveParams,
  ChatRetrieveResponse,
  ChatStreamParams,
  HTTPError,
  HTTPValidationError,
  ImageAttachment,
  JobMetadata,
  StopEvent,
  StopUsage,
  TextDeltaEvent,
  TextEvent,
  ThinkingDeltaEvent,
  ThinkingEvent,
  ToolCallEvent,
  ToolResultEvent,
  UserInputEvent,
  ValidationError,
} from './types.js';
