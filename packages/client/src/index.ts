// Public entry of @llamacloud-chat/client.
export { createClient, type LlamaCloudClient } from './create-client.js';
export { ClientConfigError, LlamaCloudError } from './errors.js';
export type { components, operations, paths } from './generated/openapi.js';
export { type ClientOptions, DEFAULT_BASE_URL, EU_BASE_URL } from './options.js';
export type {
  ChatListPage,
  ChatListParams,
  ChatListResponse,
  HTTPError,
  HTTPValidationError,
  JobMetadata,
  ValidationError,
} from './types.js';
