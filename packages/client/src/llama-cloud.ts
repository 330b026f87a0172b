// The LlamaCloud class: the official SDK's shape over the client's core: the spec's resources (generated from the
// spec and the SDK map: `client.chat`, `client.beta.chat`), the HTTP verbs, `withOptions()`, the instance
// properties and the error classes as statics.
import type { APIPromise } from './api-promise.js';
import { ClientCore } from './client-core.js';
import {
  AbortedError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  LlamaCloudError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
} from './errors/index.js';
import { resourceAliases, resources } from './generated/openapi.operations.js';
import type { ResourceOperations } from './generated/openapi.types.js';
import type { Logger, LogLevel } from './logging.js';
import type { Operation } from './operations/operation.js';
import { operationsOf, type Resources, resourcesOf } from './operations/resource.js';
import type { ClientOptions } from './options.js';
import type { RequestOptions } from './request-options.js';

/** The workspace spec's operations: the table `new LlamaCloud()` and `createClient()` hand their core. */
export const workspaceOperations: readonly Operation[] = operationsOf(resources);

/**
 * The spec's resources, generated: `client.chat` (the newest SDK's name) and, from the SDK map, `client.beta.chat`
 * (the docs page's), the same object.
 */
type SpecResources = Resources<ResourceOperations, typeof resourceAliases>;

// The class and this interface merge: the constructor assigns every resource the interface names.
export interface LlamaCloud extends SpecResources {}

/** A LlamaCloud API client, shaped like the official SDK's. Options are those of `createClient()`. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above is the generated resources.
export class LlamaCloud {
  readonly #core: ClientCore;

  constructor(options: ClientOptions = {}) {
    this.#core = new ClientCore(options, workspaceOperations);
    Object.assign(
      this,
      resourcesOf<ResourceOperations, typeof resourceAliases>(this.#core, resources, resourceAliases),
    );
  }

  // Getters, not fields: they live on the prototype, so `console.log(client)` and `JSON.stringify(client)` never
  // show the key.
  /** The API key in use (surrounding whitespace trimmed). */
  get apiKey(): string {
    return this.#core.options.apiKey;
  }
  /** The base URL in use, as it was given (or read from LLAMA_CLOUD_BASE_URL). */
  get baseURL(): string {
    return this.#core.options.baseURL;
  }
  /** Retries after a failed attempt. */
  get maxRetries(): number {
    return this.#core.options.retry.maxRetries;
  }
  /** Milliseconds per attempt. */
  get timeout(): number {
    return this.#core.options.retry.timeout;
  }
  /** The log level in use (from the option, else `LLAMA_CLOUD_LOG`, else `warn`). */
  get logLevel(): LogLevel {
    return this.#core.options.logLevel;
  }
  /** Where log lines go. */
  get logger(): Logger {
    return this.#core.options.logger;
  }
  /** Extra `RequestInit` for every fetch. */
  get fetchOptions(): RequestInit {
    return this.#core.options.fetchOptions;
  }

  /** A new client with `options` merged over this one's (the key, base URL and log level it resolved included). */
  withOptions(options: Partial<ClientOptions>): LlamaCloud {
    const { given, apiKey, baseURL, logLevel } = this.#core.options;
    const { baseUrl: _spelling, ...current } = given;
    const merged: ClientOptions = { ...current, apiKey, baseURL, logLevel, ...options };
    // The old spelling given now still wins over the base URL this client resolved.
    if (options.baseUrl !== undefined && options.baseURL === undefined) {
      merged.baseURL = options.baseUrl;
      delete merged.baseUrl;
    }
    return new (this.constructor as typeof LlamaCloud)(merged);
  }

  /** Any request, for endpoints the client has no method for: `{ method, path, query, body, headers, … }`. */
  request<T = unknown>(options: RequestOptions & { method: string; path: string }): APIPromise<T> {
    return this.#core.call<T>(options as RequestOptions);
  }
  /** `GET path`; resolves to the parsed body. */
  get<T = unknown>(path: string, options?: RequestOptions | null): APIPromise<T> {
    return this.request<T>({ method: 'get', path, ...options });
  }
  /** `POST path`, `options.body` sent as JSON; resolves to the parsed body. Not retried once it may have arrived. */
  post<T = unknown>(path: string, options?: RequestOptions | null): APIPromise<T> {
    return this.request<T>({ method: 'post', path, ...options });
  }
  /** `PUT path`; resolves to the parsed body. */
  put<T = unknown>(path: string, options?: RequestOptions | null): APIPromise<T> {
    return this.request<T>({ method: 'put', path, ...options });
  }
  /** `PATCH path`; resolves to the parsed body. Not retried once it may have arrived. */
  patch<T = unknown>(path: string, options?: RequestOptions | null): APIPromise<T> {
    return this.request<T>({ method: 'patch', path, ...options });
  }
  /** `DELETE path`; resolves to the parsed body (null for a 204). */
  delete<T = unknown>(path: string, options?: RequestOptions | null): APIPromise<T> {
    return this.request<T>({ method: 'delete', path, ...options });
  }

  /** The class itself, as the SDK has it (`LlamaCloud.LlamaCloud`). */
  static LlamaCloud: typeof LlamaCloud = LlamaCloud;
  /** The default per-attempt timeout, in ms. */
  static DEFAULT_TIMEOUT = 60_000;
  // The error classes as statics, under the SDK's names (`APIConnectionError` and the rest are our classes).
  static LlamaCloudError = LlamaCloudError;
  static APIError = APIError;
  static BadRequestError = BadRequestError;
  static AuthenticationError = AuthenticationError;
  static PermissionDeniedError = PermissionDeniedError;
  static NotFoundError = NotFoundError;
  static ConflictError = ConflictError;
  static UnprocessableEntityError = UnprocessableEntityError;
  static RateLimitError = RateLimitError;
  static InternalServerError = InternalServerError;
  static APIConnectionError = ConnectionError;
  static APIConnectionTimeoutError = TimeoutError;
  static APIUserAbortError = AbortedError;
  static ConnectionError = ConnectionError;
  static TimeoutError = TimeoutError;
  static AbortedError = AbortedError;
}
