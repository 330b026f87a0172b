// The LlamaCloud class: the official SDK's shape (`client.beta.chat.list()`) over the typed client.
import { createClient, type LlamaCloudClient } from './create-client.js';
import type { paths } from './generated/openapi.js';
import type { ClientOptions } from './options.js';
import { type PagePromise, type PaginateOptions, paginate } from './paginate.js';
import type { ChatListPage, ChatListParams, ChatListResponse } from './types.js';

/** Options of a single call, e.g. `list(params, { signal, prefetch: true })`. */
export type RequestOptions = PaginateOptions;

/** The chat-session endpoints. */
export class Chat {
  readonly #client: LlamaCloudClient;

  constructor(client: LlamaCloudClient) {
    this.#client = client;
  }

  /**
   * List all chat sessions for the current project: `GET /api/v1/chat`.
   * `await` it for the first page, or `for await` over it for every session of every page.
   */
  list(
    params?: ChatListParams | null,
    options?: RequestOptions,
  ): PagePromise<ChatListResponse, ChatListPage> {
    return paginate<paths, '/api/v1/chat'>(this.#client, '/api/v1/chat', params, options);
  }
}

/** A LlamaCloud API client, shaped like the official SDK's. Options are those of `createClient()`. */
export class LlamaCloud {
  /** The typed openapi-fetch client underneath, for calls by path. */
  readonly client: LlamaCloudClient;
  /** The API's beta endpoints. */
  readonly beta: { readonly chat: Chat };

  constructor(options: ClientOptions = {}) {
    this.client = createClient(options);
    this.beta = { chat: new Chat(this.client) };
  }
}
