// The LlamaCloud class: the official SDK's shape (`client.beta.chat.list()` and the rest) over the client's core.
import { ClientCore } from './client-core.js';
import { clientOn, type LlamaCloudClient } from './create-client.js';
import type { ClientOptions } from './options.js';
import { Chat } from './resources/chat.js';

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
