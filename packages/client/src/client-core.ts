// What every way into one client shares: its checked options, the operations it knows, the one request builder,
// and `run`, the only door to its transport. `new LlamaCloud()`, `createSdk()` and `createClient()` each make one,
// handing it the operation table of their spec; the core itself knows no spec.
import { APIPromise } from './api-promise.js';
import { ClientConfigError, type ListingContext } from './errors/index.js';
import type { Operation } from './operations/operation.js';
import type { ClientOptions, ResolvedClientOptions } from './options.js';
import { readAnswer } from './read/read-answer.js';
import { buildRequest } from './request/build-request.js';
import { OperationIndex } from './request/operation-index.js';
import type { OutgoingRequest, RequestSpec } from './request/outgoing.js';
import {
  type RequestOptions,
  type RequestOverrides,
  resolveRequestOptions,
  type TransportCall,
} from './request-options.js';
import { resolveClientOptions } from './resolve-options.js';
import { type CallOptions, type Exchange, type OpenedStream, Transport } from './transport.js';

/** Marks an openapi-fetch client made by `createClient()` with the core it sends through. */
export const CORE = Symbol('llamacloud-chat.core');

/** A call sent: the request as built, what came back, and the call's settings. */
export interface Sent<R> {
  request: OutgoingRequest;
  result: R;
  call: TransportCall;
}

export class ClientCore {
  readonly options: ResolvedClientOptions;
  /** The operations of the client's spec, by method and path. */
  readonly operations: OperationIndex;
  readonly #transport: Transport;

  constructor(options: ClientOptions = {}, operations: Iterable<Operation> = []) {
    this.options = resolveClientOptions(options);
    this.operations = new OperationIndex(operations);
    this.#transport = new Transport(this.options);
  }

  /** `spec` built into the request to send, a call's `overrides` applied; throws when a check fails. */
  build(spec: RequestSpec, overrides?: RequestOverrides, context?: ListingContext): OutgoingRequest {
    const { baseUrl, defaultQuery } = this.options;
    return buildRequest({ baseUrl, defaultQuery, operations: this.operations }, spec, overrides, context);
  }

  /** The only door to the transport: sends `request` and reads the answer as `mode` says (see `Transport.run`). */
  run(request: OutgoingRequest, call: CallOptions, mode: 'stream'): Promise<OpenedStream>;
  run(request: OutgoingRequest, call: CallOptions, mode: 'answer' | 'ok'): Promise<Exchange>;
  run(
    request: OutgoingRequest,
    call: CallOptions,
    mode: 'answer' | 'ok' | 'stream',
  ): Promise<Exchange | OpenedStream> {
    return this.#transport.run(request, call, mode as 'ok');
  }

  /** A call's options checked (nothing is sent when one is bad), `spec` built with them, and sent. */
  async send(
    spec: RequestSpec,
    options: RequestOptions | null | undefined,
    mode: 'stream',
  ): Promise<Sent<OpenedStream>>;
  async send(
    spec: RequestSpec,
    options: RequestOptions | null | undefined,
    mode: 'answer' | 'ok',
  ): Promise<Sent<Exchange>>;
  async send(
    spec: RequestSpec,
    options: RequestOptions | null | undefined,
    mode: 'answer' | 'ok' | 'stream',
  ): Promise<Sent<Exchange | OpenedStream>> {
    const { call, overrides } = resolveRequestOptions(options);
    const request = this.build(spec, overrides);
    return { request, result: await this.run(request, call, mode as 'ok'), call };
  }

  /**
   * Any request by method and path, the SDK's `client.request()`: the same builder and transport as every method
   * (key, checks, retries, timeouts, redaction, logging, typed errors), with the facts of the operation the path
   * is for. Resolves to the parsed body.
   */
  call<T = unknown>(options: RequestOptions): APIPromise<T> {
    return new APIPromise(async () => {
      const { method, path } = options ?? {};
      if (method === undefined || path === undefined) {
        throw new ClientConfigError(
          'A request needs { method, path }, e.g. client.request({ method: "get", path: "/api/v1/chat" }).',
        );
      }
      const spec = { method: String(method).toUpperCase(), path };
      const { request, result } = await this.send(spec, options, 'ok');
      return { data: readAnswer(request.target, result) as T, response: result.response, text: result.text };
    });
  }
}
