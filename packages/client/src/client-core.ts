// What every operation of one client shares: its checked options, its transport, and how a request to one of
// the spec's paths is built. `new LlamaCloud()` and `createClient()` each make one.
import type { ListingContext } from './errors.js';
import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './options.js';
import { checkedQuerySerializer, checkQuery } from './request-checks.js';
import type { OutgoingRequest } from './transport.js';
import { Transport } from './transport.js';

/** Marks an openapi-fetch client made by `createClient()` with the core it sends through. */
export const CORE = Symbol('llamacloud-chat.core');

export class ClientCore {
  readonly options: ResolvedClientOptions;
  readonly transport: Transport;

  constructor(options: ClientOptions = {}) {
    this.options = resolveClientOptions(options);
    this.transport = new Transport(this.options);
  }

  /** A GET of the spec path `path`, its query checked against the spec (nothing is sent if it fails). */
  get(path: string, query: Record<string, unknown>, context?: ListingContext): OutgoingRequest {
    const search = checkedQuerySerializer(query, context);
    checkQuery('GET', path, query, context);
    return {
      method: 'GET',
      url: `${this.options.baseUrl}${path}${search ? `?${search}` : ''}`,
      target: `GET ${path}` as OutgoingRequest['target'],
    };
  }
}
