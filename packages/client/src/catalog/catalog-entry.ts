// One operation as the catalog gives it (`src/generated/*.catalog.ts`, from the spec and the SDK map): what a
// consumer that calls, serves, relays, lists or tests operations by name needs to know about each.

import type { Reads } from '../operations/operation.js';

/** A JSON Schema, with every `$ref` of the spec inlined. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface CatalogEntry {
  readonly operationId: string;
  /** Its name on the client: `chat.getSummary` is `client.chat.getSummary()`. */
  readonly sdkName: string;
  /** How it is called: `client.chat.getSummary(sessionId, params?)`. */
  readonly call: string;
  /** Its friendly params type (`ChatGetSummaryParams`). */
  readonly params: string;
  /** Its friendly response type (`ChatGetSummaryResponse`); null for a stream or a 2xx with no body. */
  readonly response: string | null;
  /** Its MCP tool's name (`chat_get_summary`). */
  readonly tool: string;
  /** Upper-case. */
  readonly method: string;
  /** The spec's path template. */
  readonly path: string;
  /** How its 2xx is read: a JSON body, a page of a listing, an event stream, or nothing. */
  readonly reads: Reads;
  readonly summary: string;
  readonly description: string;
  /** Every status the spec declares for it, as written (`"200"`, `"422"`). */
  readonly statuses: readonly string[];
  readonly schemas: {
    /** The path parameters as one object schema. */
    readonly path: JsonSchema;
    /** The query parameters as one object schema. */
    readonly query: JsonSchema;
    /** The JSON request body's schema, or null when it takes none. */
    readonly body: JsonSchema | null;
    readonly bodyRequired: boolean;
    /** By status: the media type and schema of its body (both null for a response with none). */
    readonly responses: Readonly<
      Record<string, { readonly mediaType: string | null; readonly schema: JsonSchema | null }>
    >;
    /** The schema of one streamed event (`x-sse-data-schema`), or null for an operation that does not stream. */
    readonly event: JsonSchema | null;
  };
  readonly examples: {
    /** The request body's examples by name (a lone `example` is `default`), or null. */
    readonly request: Readonly<Record<string, unknown>> | null;
    /** By status, each response example by name. */
    readonly responses: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  };
}
