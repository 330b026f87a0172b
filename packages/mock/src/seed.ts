// The sessions a mock starts with: every session in the spec's examples of List Sessions, Get Session Summary
// and Retrieve Session, merged by `session_id` (a retrieve example, the fullest, wins; its events are the
// session's history). So a fresh mock lists what the spec shows, and a retrieve of a listed id answers.
import type { Json } from './session-store.js';

const OPERATIONS = ['listChatSessions', 'getChatSessionSummary', 'retrieveChatSession'] as const;

type Operation = { operationId?: string; responses?: Record<string, { content?: Record<string, Media> }> };
type Media = { example?: unknown; examples?: Record<string, { value?: unknown }> };

/** The example values of an operation's 200 `application/json`. */
function okExamples(operation: Operation | undefined): unknown[] {
  const media = operation?.responses?.['200']?.content?.['application/json'];
  if (!media) return [];
  const named = Object.values(media.examples ?? {}).map((example) => example.value);
  return media.example === undefined ? named : [media.example, ...named];
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The seed of a (dereferenced) OpenAPI document: each example session once, with the fields of every example
 * that shows it (later operations' over earlier ones', in list, summary, retrieve order) and the retrieve
 * example's `events` (none when no retrieve example shows it).
 */
export function seedSessions(document: { paths?: Record<string, Record<string, unknown>> }) {
  const operations = new Map<string, Operation>();
  for (const item of Object.values(document.paths ?? {}))
    for (const operation of Object.values(item))
      if (isObject(operation) && typeof operation.operationId === 'string')
        operations.set(operation.operationId, operation as Operation);

  const seed = new Map<string, { session: Json; events: unknown[] }>();
  const add = (value: unknown) => {
    if (!isObject(value) || typeof value.session_id !== 'string') return;
    const { events, ...session } = value;
    const known = seed.get(value.session_id);
    seed.set(value.session_id, {
      session: { ...known?.session, ...session },
      events: Array.isArray(events) ? structuredClone(events) : (known?.events ?? []),
    });
  };
  for (const id of OPERATIONS)
    for (const example of okExamples(operations.get(id))) {
      if (id === 'listChatSessions') {
        const items = isObject(example) ? example.items : undefined;
        for (const item of Array.isArray(items) ? items : []) add(structuredClone(item));
      } else add(structuredClone(example));
    }
  return [...seed.values()];
}
