// The shape of one generated operation (`src/generated/*.operations.ts`, from the spec and the SDK map): what the
// one entry point runs it by. Nothing here is written per operation.

/** How an operation's 2xx is read. */
export type Reads = 'json' | 'page' | 'events' | 'none';

/** One query parameter or request-body field: the JSON types it allows, and whether the spec requires it. */
export interface FieldSpec {
  readonly types: readonly string[];
  readonly required: boolean;
}

/** One operation, as generated. */
export interface Operation {
  readonly operationId: string;
  /** Upper-case. */
  readonly method: string;
  /** The spec's path template, e.g. `/api/v1/chat/{session_id}`. */
  readonly path: string;
  /** The path's parameters, in order: a method takes them as its first arguments. */
  readonly pathParams: readonly string[];
  /**
   * The query parameters, with the JSON types each allows: these keys of a method's flat params go to the query,
   * the rest to the body.
   */
  readonly query: Readonly<Record<string, FieldSpec>>;
  /** The JSON request body's fields, or null when the operation takes no body. */
  readonly body: { readonly required: boolean; readonly fields: Readonly<Record<string, FieldSpec>> } | null;
  readonly reads: Reads;
  /** False for an operation a retry may not resend once it may have reached the server (a POST). */
  readonly idempotent: boolean;
  /** The 2xx body's required top-level fields and the JSON types each allows (json and page operations). */
  readonly required?: Readonly<Record<string, readonly string[]>>;
  /** For an event stream: the discriminator and the event types the spec names. */
  readonly events?: { readonly known: readonly string[]; readonly discriminator: string };
  /** What the 2xx body is called in messages (`session`); from the SDK map. */
  readonly noun?: string;
  /** Helpers on top of the generic reader (`chat-turn`: `text()`, `usage()`, `stopEvent()`); from the SDK map. */
  readonly helpers?: string;
  /** The sentence an uncertain outcome ends with; from the SDK map. */
  readonly uncertain?: string;
}
