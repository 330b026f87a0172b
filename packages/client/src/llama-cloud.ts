// The LlamaCloud class: the official SDK's shape (`client.beta.chat.list()`) over the client's core.
import { ClientCore } from './client-core.js';
import { clientOn, type LlamaCloudClient } from './create-client.js';
import type { ClientOptions } from './options.js';
import type { PagePromise } from './pagination/page-promise.js';
import { coreFetcher, type PaginateOptions, startListing } from './pagination/paginate.js';
import type { ChatListPage, ChatListParams, ChatListResponse } from './types.js';

/** Options of a single call, e.g. `list(params, { signal, prefetch: true })`. */
export type RequestOptions = PaginateOptions;

/** The chat-session endpoints. */
export class Chat {
  readonly #core: ClientCore;

  constructor(core: ClientCore) {
    this.#core = core;
  }

  /**
   * List all chat sessions for the current project: `GET /api/v1/chat`.
   * `await` it for the first page, or `for await` over it for every session of every page.
   */
  list(
    params?: ChatListParams | null,
    options?: RequestOptions,
  ): PagePromise<ChatListResponse, ChatListPage> {
    const path = '/api/v1/chat';
    return startListing(coreFetcher(this.#core, path), `GET ${path}`, params, options);
  }
}

/** A LlamaCloud API client, shaped like the official SDK's. Options are those of `createClient()`. */
export class LlamaCloud {
  /** The typed openapi-fetch client underneath, for calls by path; it shares this client's options. */
  readonly client: LlamaCloudClient;
  /** The API's beta endpoints. */
  readonly beta: { readonly chat: Chat };

  constructor(options: ClientOptions = {}) {
    const core = new ClientCore(options);
    this.client = clientOn(core);
    this.beta = { chat: new Chat(core) };
  }
}
