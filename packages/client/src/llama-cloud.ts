// The LlamaCloud class: the official SDK's shape (`client.beta.chat.list()` and the rest) over the client's core.
import { ClientCore } from './client-core.js';
import { clientOn, type LlamaCloudClient } from './create-client.js';
import type { ClientOptions } from './options.js';
import { Chat } from './resources/chat.js';

/** A LlamaCloud API client, shaped like the official SDK's. Options are those of `createClient()`. */
export class LlamaCloud {
  /** The API's beta endpoints. */
  readonly beta: { readonly chat: Chat };
  readonly #core: ClientCore;
  #client: LlamaCloudClient | undefined;

  constructor(options: ClientOptions = {}) {
    this.#core = new ClientCore(options);
    this.beta = { chat: new Chat(this.#core) };
  }

  /** The typed openapi-fetch client underneath, for calls by path; it shares this client's options. */
  get client(): LlamaCloudClient {
    // Made on first use: the resource methods do not need it.
    this.#client ??= clientOn(this.#core);
    return this.#client;
  }
}
