// The chat API's operations over the session store, routed and validated by the spec (openapi-backend, by
// operationId): each handler gets a request the spec allows and returns the answer to send. Routing, the
// bearer check and the request's 422s come from the spec; what a handler adds is what the API keeps.
import { type Context, OpenAPIBackend } from 'openapi-backend';
import { exampleAnswer } from './example-answer.js';
import { entriesFromAjv, validationError } from './request-errors.js';
import type { Json, Scope, SessionStore } from './session-store.js';
import { scriptTurn } from './turn-script.js';

/**
 * What a handler answers: a JSON body (none for a 204), or a streamed turn's events; `example` names the spec's
 * example it was taken from, for an operation the mock keeps no state for; `own` marks the mock speaking of
 * itself (no answer the API would give), which is not checked against the spec.
 */
export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string>; example?: string; own?: true }
  | { status: 200; events: Json[]; example?: string };

/** Page sizes the mock serves when `page_size` is not sent, and at most. */
export const DEFAULT_PAGE_SIZE = 2;
export const MAX_PAGE_SIZE = 1000;

const notFound = (sessionId: string): Answer => ({
  status: 404,
  body: { detail: `Chat session ${sessionId} not found` },
});

const invalid = (loc: (string | number)[], msg: string, type: string, input?: unknown): Answer => ({
  status: 422,
  body: validationError([{ loc, msg, type, ...(input === undefined ? {} : { input }) }]),
});

function scopeOf(c: Context): Scope {
  const query = c.request.query as Record<string, unknown>;
  const value = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : null);
  return { project_id: value('project_id'), organization_id: value('organization_id') };
}

const sessionIdOf = (c: Context) => String((c.request.params as Record<string, unknown>).session_id);

/** What the mock keeps, made from the dereferenced document (the seed reads its examples' values). */
export interface OperationsState {
  store: SessionStore;
  /** The events of the spec's turn example, which every turn is scripted from. */
  turnExample: Json[];
}

/** An answer, and the operation the spec routed its request to (none for an unknown path). */
export interface RoutedAnswer {
  answer: Answer;
  operationId: string | undefined;
}

/**
 * The routed, validated API over the parsed spec `document`: `handleRequest()` resolves to a
 * {@link RoutedAnswer}. `setup` makes the store once the document is dereferenced.
 */
export async function chatOperations(
  document: Json,
  setup: (definition: Json) => OperationsState,
): Promise<{ api: OpenAPIBackend; definition: Json }> {
  const api = new OpenAPIBackend({
    definition: document as never,
    apiRoot: '/',
    // Validators are compiled on first use, so the mock answers its first request sooner.
    quick: true,
    validate: true,
    coerceTypes: true,
    // The spec's schemas are linted with the spec; compiling Ajv's meta-schema to check them again is most
    // of a first request's time.
    ajvOpts: { allErrors: true, validateSchema: false },
  });
  await api.init();
  const definition = api.definition as unknown as Json;
  const { store, turnExample } = setup(definition);
  api.registerSecurityHandler('bearerAuth', (c) => {
    const header = c.request.headers.authorization;
    return /^bearer\s+\S/i.test(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
  });
  const handlers: Record<string, (c: Context) => Answer | RoutedAnswer | Promise<Answer>> = {
    postResponseHandler: (c): RoutedAnswer => ({
      answer: c.response as Answer,
      operationId: c.operation?.operationId,
    }),
    notFound: (): Answer => ({ status: 404, body: { detail: 'Not Found' } }),
    methodNotAllowed: (): Answer => ({ status: 405, body: { detail: 'Method Not Allowed' } }),
    // An operation of the spec with no handler below: its documented success, from the spec's example.
    notImplemented: (c): Answer =>
      exampleAnswer(c.operation as unknown as Json) ?? {
        status: 501,
        own: true,
        body: {
          detail: `The mock keeps no state for ${c.operation?.operationId} and the spec gives its success no example to answer with.`,
        },
      },
    unauthorizedHandler: (): Answer => ({
      status: 401,
      body: {
        detail: 'Not authenticated: send Authorization: Bearer <key> (the mock takes any non-empty key)',
      },
    }),
    validationFail: (c): Answer | Promise<Answer> => {
      // A query parameter the spec does not name is ignored, as FastAPI ignores one; only the rest is an error.
      const errors = (c.validation.errors ?? []).filter(
        (error) => !(error.keyword === 'additionalProperties' && error.instancePath === '/query'),
      );
      const id = c.operation?.operationId;
      const operation = id ? (handlers[id] ?? handlers.notImplemented) : undefined;
      if (errors.length === 0 && operation) return operation(c) as Answer | Promise<Answer>;
      return { status: 422, body: validationError(entriesFromAjv(errors)) };
    },

    listChatSessions: (c): Answer => {
      const query = c.request.query as Record<string, unknown>;
      const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
      if (typeof pageSize === 'number' && pageSize < 1)
        return invalid(
          ['query', 'page_size'],
          'Input should be greater than or equal to 1',
          'greater_than_equal',
          pageSize,
        );
      if (typeof pageSize === 'number' && pageSize > MAX_PAGE_SIZE)
        return invalid(
          ['query', 'page_size'],
          `Input should be less than or equal to ${MAX_PAGE_SIZE}`,
          'less_than_equal',
          pageSize,
        );
      const token =
        typeof query.page_token === 'string' && query.page_token !== '' ? query.page_token : undefined;
      const cursor = token === undefined ? undefined : store.cursorOf(token);
      if (token !== undefined && !cursor) {
        const shown = token.length > 60 ? `${token.slice(0, 60)}…` : token;
        return invalid(
          ['query', 'page_token'],
          `no page for page_token ${JSON.stringify(shown)}: it is not a next_page_token this mock gave out; ` +
            'start from the first page (no page_token)',
          'unknown_page_token',
          token,
        );
      }
      const { items, next } = store.list(scopeOf(c), Number(pageSize), cursor);
      return { status: 200, body: { items, next_page_token: next } };
    },

    createChatSession: async (c): Promise<Answer> => {
      const body = (c.request.requestBody ?? {}) as Json;
      const session = await store.create(scopeOf(c), {
        index_ids: body.index_ids,
        shared_access: body.shared_access,
      });
      return { status: 200, body: session };
    },

    retrieveChatSession: (c): Answer => {
      const stored = store.get(scopeOf(c), sessionIdOf(c));
      if (!stored) return notFound(sessionIdOf(c));
      return { status: 200, body: { ...stored.session, events: stored.events } };
    },

    getChatSessionSummary: (c): Answer => {
      const stored = store.get(scopeOf(c), sessionIdOf(c));
      return stored ? { status: 200, body: stored.session } : notFound(sessionIdOf(c));
    },

    deleteChatSession: async (c): Promise<Answer> =>
      (await store.delete(scopeOf(c), sessionIdOf(c))) ? { status: 204 } : notFound(sessionIdOf(c)),

    streamChatMessage: async (c): Promise<Answer> => {
      const stored = store.get(scopeOf(c), sessionIdOf(c));
      if (!stored) return notFound(sessionIdOf(c));
      const { prompt, index_ids } = c.request.requestBody as { prompt: string; index_ids: string[] };
      const bound = Array.isArray(stored.session.index_ids) ? (stored.session.index_ids as string[]) : [];
      const turns = Number((stored.session.job_metadata as Json | null)?.turns ?? 0) || 0;
      const turn = scriptTurn(turnExample, prompt, index_ids.length > 0 ? index_ids : bound, turns);
      await store.recordTurn(stored, { prompt, index_ids, events: turn.events, usage: turn.usage });
      return { status: 200, events: turn.events };
    },
  };
  api.register(handlers);
  return { api, definition };
}
