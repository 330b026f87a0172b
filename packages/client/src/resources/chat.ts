// client.beta.chat: the chat-session operations with the official SDK's signatures. Each is its spec path, how
// its flat params split into query and body, and how its 2xx body is checked; the core does the rest (request
// checks, key, retries, timeouts, typed errors, redaction).
import { type APIPromise, apiPromise } from '../api-promise.js';
import type { ClientCore, OperationInput } from '../client-core.js';
import { InvalidRequestError, type RequestTarget } from '../errors/index.js';
import { decodeObject } from '../json-body.js';
import type { PagePromise } from '../pagination/page-promise.js';
import { coreFetcher, startListing } from '../pagination/paginate.js';
import type { ListRequestOptions, RequestOptions } from '../request-options.js';
import { ChatStreamPromise, startChatStream } from '../streaming/chat-stream.js';
import type {
  ChatCreateParams,
  ChatCreateResponse,
  ChatDeleteParams,
  ChatGetSummaryParams,
  ChatGetSummaryResponse,
  ChatListPage,
  ChatListParams,
  ChatListResponse,
  ChatRetrieveParams,
  ChatRetrieveResponse,
  ChatStreamParams,
} from '../types.js';

/** Options of one call: the SDK's `RequestOptions` (see request-options.ts). */
export type CallOptions = RequestOptions;

/** A session summary must at least name the session. */
const isSession = (body: Record<string, unknown>) =>
  typeof body.session_id === 'string' ? undefined : '"session_id" is not a string';

const CREATE_UNCERTAIN =
  'The request may have reached the server, so the session may or may not have been created: list sessions before creating it again.';

const STREAM_UNCERTAIN =
  'The request may have reached the server, so the turn may or may not have run: retrieve the session before sending the prompt again.';

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
    options?: ListRequestOptions,
  ): PagePromise<ChatListResponse, ChatListPage> {
    const path = '/api/v1/chat';
    return startListing(coreFetcher(this.#core, path), `GET ${path}`, params, options);
  }

  /**
   * Create a chat session: `POST /api/v1/chat`. `index_ids` binds it to indexes (locked once the first message
   * is sent); none makes an unbound session. Never sent twice: it is retried only when it surely did not reach
   * the server, or when the server says when to retry (429 or 503 with Retry-After).
   */
  create(params?: ChatCreateParams | null, options?: CallOptions): APIPromise<ChatCreateResponse> {
    const { organization_id, project_id, ...body } = params ?? {};
    return this.#json('POST', '/api/v1/chat', 'session', isSession, options, {
      query: { organization_id, project_id },
      body,
      idempotent: false,
      uncertainOutcome: CREATE_UNCERTAIN,
    });
  }

  /** A session and its history: `GET /api/v1/chat/{session_id}`. */
  retrieve(
    sessionId: string,
    query?: ChatRetrieveParams | null,
    options?: CallOptions,
  ): APIPromise<ChatRetrieveResponse> {
    const check = (body: Record<string, unknown>) =>
      isSession(body) ?? (Array.isArray(body.events) ? undefined : '"events" is not an array');
    return this.#json('GET', '/api/v1/chat/{session_id}', 'session', check, options, {
      path: { session_id: sessionId },
      query,
    });
  }

  /** A session's summary, without its history: `GET /api/v1/chat/{session_id}/summary`. */
  getSummary(
    sessionId: string,
    query?: ChatGetSummaryParams | null,
    options?: CallOptions,
  ): APIPromise<ChatGetSummaryResponse> {
    return this.#json('GET', '/api/v1/chat/{session_id}/summary', 'session summary', isSession, options, {
      path: { session_id: sessionId },
      query,
    });
  }

  /** Delete a session: `DELETE /api/v1/chat/{session_id}`. Resolves to undefined. */
  delete(sessionId: string, params?: ChatDeleteParams | null, options?: CallOptions): APIPromise<void> {
    const { organization_id, project_id } = params ?? {};
    const send = async () => {
      const input = {
        path: { session_id: sessionId },
        query: { organization_id, project_id },
        // As the official SDK does: the success has no body.
        headers: { accept: '*/*' },
      };
      const { exchange } = await this.#core.send('DELETE', '/api/v1/chat/{session_id}', input, options);
      return { data: undefined, response: exchange.response, text: exchange.text };
    };
    return apiPromise(send());
  }

  /**
   * Run one chat turn: `POST /api/v1/chat/{session_id}/messages/stream` with `{ prompt, index_ids }`.
   * `for await` over the result for each event the moment it arrives, or `await` it for the stream once the
   * headers are in. `timeout` bounds the silence between bytes, not the turn. The POST is never sent twice: it
   * is retried only when it surely never reached the server.
   */
  stream(sessionId: string, params: ChatStreamParams, options?: CallOptions): ChatStreamPromise {
    const { organization_id, project_id, ...body } = params ?? ({} as ChatStreamParams);
    const open = async () => {
      if (typeof body.prompt !== 'string' || !Array.isArray(body.index_ids)) {
        throw new InvalidRequestError(
          'stream() needs { prompt: string, index_ids: string[] }; both are required. Nothing was sent.',
        );
      }
      const input = {
        path: { session_id: sessionId },
        query: { organization_id, project_id },
        body,
        // Error statuses answer in JSON.
        headers: { accept: 'text/event-stream, application/json' },
        idempotent: false,
        retryAnswered: false,
        uncertainOutcome: STREAM_UNCERTAIN,
      };
      const path = '/api/v1/chat/{session_id}/messages/stream';
      const { request, opened, signal } = await this.#core.open('POST', path, input, options);
      return startChatStream(request.target, opened, signal);
    };
    return new ChatStreamPromise(open());
  }

  /** Sends one JSON operation and checks that its 2xx body is the `expected` object. */
  #json<T>(
    method: string,
    path: string,
    expected: string,
    check: (body: Record<string, unknown>) => string | undefined,
    options: CallOptions | undefined,
    input: OperationInput,
  ): APIPromise<T> {
    const send = async () => {
      const { request, exchange } = await this.#core.send(method, path, input, options);
      const data = decodeObject<T>(request.target as RequestTarget, exchange, expected, check);
      return { data, response: exchange.response, text: exchange.text };
    };
    return apiPromise(send());
  }
}
