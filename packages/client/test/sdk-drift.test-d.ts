// Drift against the official SDK, caught by the type checker: every chat operation's params and results, field by
// field and both ways, held against the declarations of the pinned `@llamaindex/llama-cloud` (2.16.0,
// `resources/beta/chat.d.ts` and `client.beta.chat.*`). Each difference is listed with its reason; any other one
// (a field either side gains, loses or retypes) fails here, and the type error names the field's path.
//
// Paths read `params.shared_access`, `resolves.events[type=stop].skipped_index_ids` (the retrieved session's stop
// events; union members are matched by `type`), `items[]` for an array's items. See support/type-drift.ts.
//
// The "added after the pinned SDK" entries are the API as it is today (spec 1.2.0). The SDK's newest source
// (run-llama/llama-parse-ts, src/resources/chat.ts, read at commit 2714d1d) already has all four:
// `shared_access` on every session and on create's params, `require_all_indexes` on stream's params and
// `skipped_index_ids` on a stop event. Moving the pin to a release of it empties those lists, and this test says
// so; that release also moves chat out of beta (`client.chat`, `resources/chat`), so the two aliases below move.
import type OfficialSDK from '@llamaindex/llama-cloud';
import type * as Sdk from '@llamaindex/llama-cloud/resources/beta/chat';
import { describe, expectTypeOf, it } from 'vitest';
import type LlamaCloud from '../src/index.js';
import type {
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
  ChatStreamEvent,
  ChatStreamParams,
  ImageAttachment,
  JobMetadata,
  ListRequestOptions,
  RequestOptions,
  StopEvent,
  StopUsage,
  ToolCallEvent,
  ToolResultEvent,
} from '../src/index.js';
import type { Call, Differing, Drift, Entries, None, OnlyOurs, OnlyTheirs } from './support/type-drift.js';

type Ours = LlamaCloud['beta']['chat'];
type Theirs = OfficialSDK['beta']['chat'];

/** What a call's `for await` yields. */
type Yields<T> = T extends AsyncIterable<infer Item> ? Item : never;
/** An event as the SDK types a retrieved session's history. */
type SdkEvent = Sdk.ChatRetrieveResponse['events'][number];

describe('list: GET /api/v1/chat', () => {
  it('takes the friendly types', () => {
    expectTypeOf<Parameters<Ours['list']>[0]>().toEqualTypeOf<ChatListParams | null | undefined>();
    expectTypeOf<Yields<ReturnType<Ours['list']>>>().toEqualTypeOf<ChatListResponse>();
    expectTypeOf<Awaited<ReturnType<Ours['list']>>['body']>().toEqualTypeOf<ChatListPage>();
  });

  it('params: the cursor may be null here', () => {
    type D = Drift<ChatListParams, Sdk.ChatListParams>;
    expectTypeOf<OnlyOurs<D>>().toEqualTypeOf<None>();
    expectTypeOf<OnlyTheirs<D>>().toEqualTypeOf<None>();
    expectTypeOf<Differing<D>>().toEqualTypeOf<
      // Ours: the docs page's optional, nullable query parameters (null is left out of the URL). The SDK: no null.
      'page_size' | 'page_token'
    >();
  });

  it('items: each session, with shared_access', () => {
    type D = Drift<Yields<ReturnType<Ours['list']>>, Yields<ReturnType<Theirs['list']>>>;
    // Added to the API after the pinned SDK: required on every session.
    expectTypeOf<OnlyOurs<D>>().toEqualTypeOf<'shared_access'>();
    expectTypeOf<OnlyTheirs<D>>().toEqualTypeOf<None>();
    expectTypeOf<Differing<D>>().toEqualTypeOf<None>();
  });

  it('page: what one response holds, where the last page says so with null', () => {
    type OurPage = Awaited<ReturnType<Ours['list']>>['body'];
    type TheirPage = Pick<Awaited<ReturnType<Theirs['list']>>, keyof ChatListPage>;
    type D = Drift<OurPage, TheirPage, 'page'>;
    // Added to the API after the pinned SDK: required on every session.
    expectTypeOf<OnlyOurs<D>>().toEqualTypeOf<'page.items[].shared_access'>();
    expectTypeOf<OnlyTheirs<D>>().toEqualTypeOf<None>();
    // Ours: the docs page's `string | null`, null on the last page. The SDK types it `string`.
    expectTypeOf<Differing<D>>().toEqualTypeOf<'page.next_page_token'>();
  });
});

describe('create: POST /api/v1/chat', () => {
  type D = Drift<
    Call<Parameters<Ours['create']>, ['params'], ReturnType<Ours['create']>>,
    Call<Parameters<Theirs['create']>, ['params'], ReturnType<Theirs['create']>>
  >;

  it('takes the friendly types', () => {
    expectTypeOf<Parameters<Ours['create']>[0]>().toEqualTypeOf<ChatCreateParams | null | undefined>();
    expectTypeOf<Ours['create']>().returns.resolves.toEqualTypeOf<ChatCreateResponse>();
  });

  it('params and session, field by field', () => {
    expectTypeOf<OnlyOurs<D>>().toEqualTypeOf<
      // Added to the API after the pinned SDK: who a share link lets in (null: the deployment's default).
      | 'params.shared_access'
      // Added to the API after the pinned SDK: required on every session.
      | 'resolves.shared_access'
    >();
    expectTypeOf<OnlyTheirs<D>>().toEqualTypeOf<None>();
    expectTypeOf<Differing<D>>().toEqualTypeOf<None>();
  });
});

describe('retrieve: GET /api/v1/chat/{session_id}', () => {
  type D = Drift<
    Call<Parameters<Ours['retrieve']>, ['sessionId', 'query'], ReturnType<Ours['retrieve']>>,
    Call<Parameters<Theirs['retrieve']>, ['sessionId', 'query'], ReturnType<Theirs['retrieve']>>
  >;

  it('takes the friendly types', () => {
    expectTypeOf<Parameters<Ours['retrieve']>[1]>().toEqualTypeOf<ChatRetrieveParams | null | undefined>();
    expectTypeOf<Ours['retrieve']>().returns.resolves.toEqualTypeOf<ChatRetrieveResponse>();
  });

  it('query and session with its history, field by field', () => {
    expectTypeOf<OnlyOurs<D>>().toEqualTypeOf<
      // Added to the API after the pinned SDK: required on every session.
      | 'resolves.shared_access'
      // Added to the API after the pinned SDK: the indexes a turn could not query.
      | 'resolves.events[type=stop].skipped_index_ids'
    >();
    expectTypeOf<OnlyTheirs<D>>().toEqualTypeOf<None>();
    expectTypeOf<Differing<D>>().toEqualTypeOf<None>();
  });
});

describe('getSummary: GET /api/v1/chat/{session_id}/summary', () => {
  type D = Drift<
    Call<Parameters<Ours['getSummary']>, ['sessionId', 'query'], ReturnType<Ours['getSummary']>>,
    Call<Parameters<Theirs['getSummary']>, ['sessionId', 'query'], ReturnType<Theirs['getSummary']>>
  >;

  it('takes the friendly types', () => {
    expectTypeOf<Parameters<Ours['getSummary']>[1]>().toEqualTypeOf<
      ChatGetSummaryParams | null | undefined
    >();
    expectTypeOf<Ours['getSummary']>().returns.resolves.toEqualTypeOf<ChatGetSummaryResponse>();
  });

  it('query and summary, field by field', () => {
    // Added to the API after the pinned SDK: required on every session.
    expectTypeOf<OnlyOurs<D>>().toEqualTypeOf<'resolves.shared_access'>();
    expectTypeOf<OnlyTheirs<D>>().toEqualTypeOf<None>();
    expectTypeOf<Differing<D>>().toEqualTypeOf<None>();
  });
});

describe('delete: DELETE /api/v1/chat/{session_id}', () => {
  type D = Drift<
    Call<Parameters<Ours['delete']>, ['sessionId', 'params'], ReturnType<Ours['delete']>>,
    Call<Parameters<Theirs['delete']>, ['sessionId', 'params'], ReturnType<Theirs['delete']>>
  >;

  it('takes the friendly types', () => {
    expectTypeOf<Parameters<Ours['delete']>[1]>().toEqualTypeOf<ChatDeleteParams | null | undefined>();
  });

  it('the same params, and both typed void', () => {
    // Both declare `void`. At run time the SDK resolves null and ours undefined (test/chat-resource.test.ts).
    expectTypeOf<Entries<D>>().toEqualTypeOf<None>();
    expectTypeOf<Ours['delete']>().returns.resolves.toBeVoid();
  });
});

describe('stream: POST /api/v1/chat/{session_id}/messages/stream', () => {
  type D = Drift<
    Call<Parameters<Ours['stream']>, ['sessionId', 'params'], never>,
    Call<Parameters<Theirs['stream']>, ['sessionId', 'params'], never>
  >;

  it('takes the friendly types', () => {
    expectTypeOf<Parameters<Ours['stream']>[1]>().toEqualTypeOf<ChatStreamParams>();
    expectTypeOf<Yields<ReturnType<Ours['stream']>>>().toEqualTypeOf<ChatStreamEvent>();
  });

  it('params, field by field', () => {
    // Added to the API after the pinned SDK: fail the turn if any requested index cannot be queried.
    expectTypeOf<OnlyOurs<D>>().toEqualTypeOf<'params.require_all_indexes'>();
    expectTypeOf<OnlyTheirs<D>>().toEqualTypeOf<None>();
    expectTypeOf<Differing<D>>().toEqualTypeOf<None>();
  });

  it('yields typed events, where the SDK resolves unknown', () => {
    // Ours on purpose: a turn is read event by event, each typed; the SDK's `stream()` is `APIPromise<unknown>`
    // (the whole SSE text, once the turn is over). Should the SDK ever type it, this fails: compare then.
    expectTypeOf<Theirs['stream']>().returns.resolves.toBeUnknown();
    // What a turn streams, held against the events the SDK types for a session's history.
    type Events = Drift<Yields<ReturnType<Ours['stream']>>, SdkEvent, 'event'>;
    expectTypeOf<OnlyOurs<Events>>().toEqualTypeOf<
      // Ours on purpose: an event of a type the spec does not know is yielded as
      // `{ type: 'unknown', unknownType, event }`, not dropped and not mistyped as a known one.
      | 'event[type=unknown]'
      // Added to the API after the pinned SDK: the indexes a turn could not query.
      | 'event[type=stop].skipped_index_ids'
    >();
    expectTypeOf<OnlyTheirs<Events>>().toEqualTypeOf<None>();
    expectTypeOf<Differing<Events>>().toEqualTypeOf<None>();
  });
});

describe('per-call options', () => {
  it("every call takes the SDK's RequestOptions (or null), list() a listing's, where the SDK takes its RequestOptions", () => {
    expectTypeOf<Parameters<Ours['create']>[1]>().toEqualTypeOf<RequestOptions | null | undefined>();
    expectTypeOf<Parameters<Ours['retrieve']>[2]>().toEqualTypeOf<RequestOptions | null | undefined>();
    expectTypeOf<Parameters<Ours['getSummary']>[2]>().toEqualTypeOf<RequestOptions | null | undefined>();
    expectTypeOf<Parameters<Ours['delete']>[2]>().toEqualTypeOf<RequestOptions | null | undefined>();
    expectTypeOf<Parameters<Ours['stream']>[2]>().toEqualTypeOf<RequestOptions | null | undefined>();
    expectTypeOf<Parameters<Ours['list']>[1]>().toEqualTypeOf<ListRequestOptions | null | undefined>();
    expectTypeOf<Parameters<Theirs['list']>[1]>().toEqualTypeOf<Parameters<Theirs['create']>[1]>();
  });

  type SdkOptions = NonNullable<Parameters<Theirs['create']>[1]>;

  it('RequestOptions has every field of the SDK’s, by name', () => {
    // The SDK's internals, not for callers: how its own stream and binary helpers read a response.
    expectTypeOf<Exclude<keyof SdkOptions, keyof RequestOptions>>().toEqualTypeOf<
      'stream' | '__binaryResponse'
    >();
    // Ours: the limit on a whole streamed turn (the SDK's `timeout` keeps its meaning, the idle limit of a stream).
    expectTypeOf<Exclude<keyof RequestOptions, keyof SdkOptions>>().toEqualTypeOf<'streamTimeout'>();
    // Ours, on a listing: the page cap (a runaway cursor ends in a PageLimitError) and fetching page n+1 during n.
    expectTypeOf<Exclude<keyof ListRequestOptions, keyof SdkOptions>>().toEqualTypeOf<
      'maxPages' | 'prefetch' | 'streamTimeout'
    >();
  });
});

describe('the friendly names of nested types', () => {
  it('are the SDK’s, but for the fields added after it', () => {
    expectTypeOf<Entries<Drift<JobMetadata, Sdk.ChatListResponse.JobMetadata>>>().toEqualTypeOf<None>();
    expectTypeOf<Entries<Drift<JobMetadata, Sdk.ChatRetrieveResponse.JobMetadata>>>().toEqualTypeOf<None>();
    expectTypeOf<Entries<Drift<StopUsage, Sdk.ChatRetrieveResponse.StopEvent.Usage>>>().toEqualTypeOf<None>();
    expectTypeOf<
      Entries<Drift<ImageAttachment, Sdk.ChatRetrieveResponse.ToolResultEvent.ImageAttachment>>
    >().toEqualTypeOf<None>();
    expectTypeOf<
      Entries<Drift<ToolCallEvent, Sdk.ChatRetrieveResponse.ToolCallEvent>>
    >().toEqualTypeOf<None>();
    expectTypeOf<
      Entries<Drift<ToolResultEvent, Sdk.ChatRetrieveResponse.ToolResultEvent>>
    >().toEqualTypeOf<None>();
    // Added to the API after the pinned SDK: the indexes a turn could not query.
    expectTypeOf<
      OnlyOurs<Drift<StopEvent, Sdk.ChatRetrieveResponse.StopEvent>>
    >().toEqualTypeOf<'skipped_index_ids'>();
    expectTypeOf<
      OnlyOurs<Drift<ChatEvent, SdkEvent, 'event'>>
    >().toEqualTypeOf<'event[type=stop].skipped_index_ids'>();
  });
});

describe('a newer SDK, made up here', () => {
  // What moving the pin would show: a session gaining `archived_at`, its stop events losing `usage` and a new
  // `citation` event, create's params a `labels`, and list's cursor turning nullable as ours.
  interface NewerSession extends Sdk.ChatRetrieveResponse {
    shared_access: 'query' | 'read_only';
    archived_at?: string | null;
  }
  type NewerEvent =
    | Exclude<SdkEvent, Sdk.ChatRetrieveResponse.StopEvent>
    | Omit<Sdk.ChatRetrieveResponse.StopEvent, 'usage'>
    | { type?: 'citation'; url: string };
  interface NewerCreateParams extends Sdk.ChatCreateParams {
    labels?: string[];
  }
  interface NewerListParams extends Omit<Sdk.ChatListParams, 'page_size' | 'page_token'> {
    page_size?: number | null;
    page_token?: string | null;
  }

  it('names each field it adds, drops or retypes, by its path', () => {
    type Session = Drift<ChatRetrieveResponse, Omit<NewerSession, 'events'> & { events: NewerEvent[] }>;
    expectTypeOf<OnlyOurs<Session>>().toEqualTypeOf<
      'events[type=stop].usage' | 'events[type=stop].skipped_index_ids'
    >();
    expectTypeOf<OnlyTheirs<Session>>().toEqualTypeOf<'archived_at' | 'events[type=citation]'>();
    type Create = Drift<ChatCreateParams, NewerCreateParams>;
    expectTypeOf<OnlyOurs<Create>>().toEqualTypeOf<'shared_access'>();
    expectTypeOf<OnlyTheirs<Create>>().toEqualTypeOf<'labels'>();
    expectTypeOf<Entries<Drift<ChatListParams, NewerListParams>>>().toEqualTypeOf<None>();
  });
});
