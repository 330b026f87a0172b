// Public entry of @llamacloud-chat/client.
import { LlamaCloud } from './llama-cloud.js';

export default LlamaCloud;
export { createClient, type LlamaCloudClient } from './create-client.js';
export {
  AbortedError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ClientConfigError,
  ConflictError,
  ConnectionError,
  type ErrorKind,
  InternalServerError,
  InvalidRequestError,
  LlamaCloudError,
  MalformedResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from './errors.js';
export type { components, operations, paths } from './generated/openapi.js';
export { Chat, LlamaCloud, type RequestOptions } from './llama-cloud.js';
export { type ClientOptions, DEFAULT_BASE_URL, EU_BASE_URL } from './options.js';
export {
  CursorLoopError,
  DEFAULT_MAX_PAGES,
  Page,
  type PageBody,
  type PageItem,
  PageLimitError,
  PagePromise,
  type PageQuery,
  type PaginatedPath,
  type PaginateOptions,
  paginate,
} from './paginate.js';
export type {
  ChatListPage,
  ChatListParams,
  ChatListResponse,
  HTTPError,
  HTTPValidationError,
  JobMetadata,
  ValidationError,
} from './types.js';
