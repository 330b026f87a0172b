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

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
type JsonBody<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** `client.beta.chat.create(params)`: the query (`organization_id`, `project_id`) and the body (`index_ids`), flat. */
export type ChatCreateParams = Query<'createChatSession'> & JsonBody<'createChatSession'>;
/** The session `create` made. */
export type ChatCreateResponse = Schemas['ChatListResponse'];
/** Query parameters of `retrieve`. */
export type ChatRetrieveParams = Query<'retrieveChatSession'>;
/** A session and its history: the summary and every event of every turn. */
export type ChatRetrieveResponse = Schemas['ChatRetrieveResponse'];
/** Query parameters of `getSummary`. */
export type ChatGetSummaryParams = Query<'getChatSessionSummary'>;
/** A session's summary. */
export type ChatGetSummaryResponse = Schemas['ChatListResponse'];
/** Query parameters of `delete`. */
export type ChatDeleteParams = Query<'deleteChatSession'>;
/** `client.beta.chat.stream(id, params)`: the query and the body (`prompt`, `index_ids`), flat. */
export type ChatStreamParams = Query<'streamChatMessage'> & JsonBody<'streamChatMessage'>;

/** One event of a chat turn, as `retrieve` lists them and a turn streams them; narrow on `type`. */
export type ChatEvent = Schemas['ChatEvent'];
/** The user's input that started a turn. */
export type UserInputEvent = Schemas['UserInputEvent'];
/** A piece of the model's thinking, as it streams. */
export type ThinkingDeltaEvent = Schemas['ThinkingDeltaEvent'];
/** The model's whole thinking for a step. */
export type ThinkingEvent = Schemas['ThinkingEvent'];
/** A piece of the answer, as it streams. */
export type TextDeltaEvent = Schemas['TextDeltaEvent'];
/** The whole answer. */
export type TextEvent = Schemas['TextEvent'];
/** A tool the model called, with its arguments. */
export type ToolCallEvent = Schemas['ToolCallEvent'];
/** What a tool returned. */
export type ToolResultEvent = Schemas['ToolResultEvent'];
/** The end of a turn, with its usage and whether it failed. */
export type StopEvent = Schemas['StopEvent'];
/** Token usage and duration of a turn. */
export type StopUsage = Schemas['StopUsage'];
/** An image a tool result refers to. */
export type ImageAttachment = Schemas['ImageAttachment'];
