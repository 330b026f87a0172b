// Friendly names for the generated schema types, defined once at the package boundary.
import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];

/** Summary of a chat session, including its title and last run metadata. */
export type ChatListResponse = Schemas['ChatListResponse'];
/** Token usage and status from a session's most recent run. */
export type JobMetadata = Schemas['JobMetadata'];
/** One page of `GET /api/v1/chat`: `items` and the `next_page_token` (null on the last page). */
export type ChatListPage = Schemas['ChatListPage'];
/** Query parameters of `GET /api/v1/chat`; a null or undefined value is left out of the URL. */
export type ChatListParams = NonNullable<operations['listChatSessions']['parameters']['query']>;
/** The body of a 401: `{ detail: string }`. */
export type HTTPError = Schemas['HTTPError'];
/** The body of a 422: `{ detail: [{ loc, msg, type }] }`. */
export type HTTPValidationError = Schemas['HTTPValidationError'];
/** One entry of a 422's `detail`. */
export type ValidationError = Schemas['ValidationError'];
