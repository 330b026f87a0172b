// The mock's sessions, per mock instance: created, listed, retrieved, run and deleted consistently, as the API
// keeps them. A session belongs to the `project_id` and `organization_id` it was created with (none: the
// default scope), and every operation sees only the sessions of the scope it names. Lists are newest first by
// `last_updated_at`, and page through one consistent view of the store (see cursor.ts). Nothing here speaks
// HTTP; every change is handed to `onChange` (the state file, when there is one) before it is answered.
import { type Cursor, decodeCursor, encodeCursor, newPageTokenKey } from './cursor.js';
import { formatInstant, instantOf } from './timestamps.js';

export type Json = Record<string, unknown>;

/** Which sessions an operation sees: the query's `project_id` and `organization_id` (null when not sent). */
export interface Scope {
  project_id: string | null;
  organization_id: string | null;
}

export const DEFAULT_SCOPE: Scope = { project_id: null, organization_id: null };

export interface StoredSession {
  /** The session as a list shows it: every field of the API's session but `events`. */
  session: Json;
  /** Its history: every event of every turn, in order. */
  events: unknown[];
  scope: Scope;
  /** The store version that created it (0 for the seed). */
  createdAt: number;
  /** Its place in the order from each version on that changed it: `[version, instant in µs]`, oldest first. */
  places: [number, number][];
}

/** Everything the store holds: what a state file keeps. */
export interface StoreState {
  /** Bumped by every change; a cursor names the version its listing reads. */
  version: number;
  sessions: StoredSession[];
  /** The key page tokens are signed with (see cursor.ts); a state without one gets a new one. */
  pageTokenKey?: string | undefined;
}

/** What `shared_access` a session gets when create sends none (or null): the share link shows the transcript only. */
export const DEFAULT_SHARED_ACCESS = 'read_only';

/** A session's id as the API makes them. */
const newSessionId = () => `ses-${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** Whether `id` has the shape of the ids this mock gives the sessions it creates (`ses-` and 12 hex digits). */
export const isMockSessionId = (id: string): boolean => /^ses-[0-9a-f]{12}$/.test(id);

/** Where a session stood at `version`, or undefined if it did not exist then. */
function placeAt(stored: StoredSession, version: number): number | undefined {
  if (stored.createdAt > version) return undefined;
  let place: number | undefined;
  for (const [at, instant] of stored.places) if (at <= version) place = instant;
  return place;
}

/** An unreadable `last_updated_at` orders as the oldest. */
const orderable = (instant: number) => (Number.isNaN(instant) ? -1 : instant);

export class SessionStore {
  readonly #sessions = new Map<string, StoredSession>();
  #version: number;
  readonly #onChange: ((current: () => StoreState) => Promise<void>) | undefined;
  readonly #pageTokenKey: string;
  #lastInstant = 0;

  /**
   * A store holding `state`. `onChange` is called after every change with a way to read the whole state, and the
   * change is answered once it resolves; it reads the state only when it needs it, so that changes made while a
   * write is under way can share the next one.
   */
  constructor(state: StoreState, onChange?: (current: () => StoreState) => Promise<void>) {
    this.#version = state.version;
    this.#pageTokenKey = state.pageTokenKey ?? newPageTokenKey();
    for (const stored of state.sessions) {
      this.#sessions.set(String(stored.session.session_id), stored);
      for (const [, instant] of stored.places) this.#lastInstant = Math.max(this.#lastInstant, instant);
    }
    this.#onChange = onChange;
  }

  /** The store's whole state, as a state file keeps it. */
  state(): StoreState {
    return {
      version: this.#version,
      sessions: [...this.#sessions.values()],
      pageTokenKey: this.#pageTokenKey,
    };
  }

  /** The cursor a `page_token` holds, or undefined when this store (or one from its state file) never gave it out. */
  cursorOf(token: string): Cursor | undefined {
    return decodeCursor(token, this.#pageTokenKey);
  }

  /**
   * One page of the sessions `scope` sees, newest first, after `cursor` (the first page without one), and the
   * cursor of the next page (null on the last). A cursor's listing reads the store as it was at its version.
   */
  list(scope: Scope, pageSize: number, cursor?: Cursor): { items: Json[]; next: string | null } {
    const version = cursor?.version ?? this.#version;
    const placed: { stored: StoredSession; instant: number; id: string }[] = [];
    for (const [id, stored] of this.#sessions) {
      if (!sameScope(stored.scope, scope)) continue;
      const place = placeAt(stored, version);
      if (place !== undefined) placed.push({ stored, instant: orderable(place), id });
    }
    placed.sort((a, b) => b.instant - a.instant || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const after = cursor?.after;
    const rest = after
      ? placed.filter(
          ({ instant, id }) => instant < after.instant || (instant === after.instant && id > after.sessionId),
        )
      : placed;
    const page = rest.slice(0, pageSize);
    const last = page.at(-1);
    const next =
      last && rest.length > page.length
        ? encodeCursor({ version, after: { instant: last.instant, sessionId: last.id } }, this.#pageTokenKey)
        : null;
    return { items: page.map(({ stored }) => stored.session), next };
  }

  /** The session with this id in `scope`, or undefined. */
  get(scope: Scope, sessionId: string): StoredSession | undefined {
    const stored = this.#sessions.get(sessionId);
    return stored && sameScope(stored.scope, scope) ? stored : undefined;
  }

  /** Creates a session in `scope`: not run yet, so no title and no run metadata. */
  async create(scope: Scope, params: { index_ids?: unknown; shared_access?: unknown }): Promise<Json> {
    let sessionId = newSessionId();
    while (this.#sessions.has(sessionId)) sessionId = newSessionId();
    const version = this.#bump();
    const instant = this.#now();
    const session: Json = {
      last_updated_at: formatInstant(instant),
      session_id: sessionId,
      shared_access: params.shared_access ?? DEFAULT_SHARED_ACCESS,
      generated_title: null,
      index_ids: params.index_ids ?? null,
      job_metadata: null,
    };
    this.#sessions.set(sessionId, {
      session,
      events: [],
      scope: { ...scope },
      createdAt: version,
      places: [[version, instant]],
    });
    await this.#changed();
    return session;
  }

  /**
   * Records a turn: its events join the history, and the session's `job_metadata` becomes this run's (see
   * `jobMetadataOf`), `last_updated_at` now (it moves to the top of a new listing) and, on its first turn, its
   * title is set.
   */
  async recordTurn(
    stored: StoredSession,
    turn: { prompt: string; index_ids: string[]; events: unknown[]; usage: Json },
  ): Promise<void> {
    const version = this.#bump();
    const instant = this.#now();
    const previous = (stored.session.job_metadata ?? null) as Json | null;
    stored.events.push(...turn.events);
    stored.session = {
      ...stored.session,
      last_updated_at: formatInstant(instant),
      generated_title: stored.session.generated_title ?? titleOf(turn.prompt),
      index_ids: stored.session.index_ids ?? (turn.index_ids.length > 0 ? turn.index_ids : null),
      job_metadata: jobMetadataOf(previous, turn.events, turn.usage),
    };
    stored.places.push([version, instant]);
    await this.#changed();
  }

  /** Deletes the session; false when `scope` has none with this id. */
  async delete(scope: Scope, sessionId: string): Promise<boolean> {
    if (!this.get(scope, sessionId)) return false;
    this.#sessions.delete(sessionId);
    this.#bump();
    await this.#changed();
    return true;
  }

  #bump(): number {
    this.#version += 1;
    return this.#version;
  }

  /** Now, in µs, and always later than every instant the store holds: a change always moves to the top. */
  #now(): number {
    this.#lastInstant = Math.max(Date.now() * 1000, this.#lastInstant + 1);
    return this.#lastInstant;
  }

  #changed(): Promise<void> {
    return this.#onChange?.(() => this.state()) ?? Promise.resolve();
  }
}

/**
 * A session's `job_metadata` after a run, as the spec has it: "token usage and status from the most recent run".
 * Its tokens, duration, error and status are that run's own (its `stop` event's), never sums over the session's
 * runs. `turns` counts the session's conversation turns up to and including this run: the run's own
 * `usage.turns` when it says, else one more than before. `export_config_ids` (a turn sets none) carries over.
 */
export function jobMetadataOf(previous: Json | null, events: readonly unknown[], usage: Json): Json {
  const stop = events.findLast((event) => (event as Json | null)?.type === 'stop') as Json | undefined;
  const count = (value: unknown) => (typeof value === 'number' ? value : null);
  const before = typeof previous?.turns === 'number' ? previous.turns : 0;
  return {
    duration_ms: typeof usage.duration_ms === 'number' ? usage.duration_ms : 0,
    error: stop?.error ?? null,
    export_config_ids: previous?.export_config_ids ?? null,
    is_error: stop?.is_error === true,
    total_input_tokens: count(usage.total_input_tokens),
    total_output_tokens: count(usage.total_output_tokens),
    turns: typeof usage.turns === 'number' ? usage.turns : before + 1,
  };
}

function sameScope(a: Scope, b: Scope): boolean {
  return a.project_id === b.project_id && a.organization_id === b.organization_id;
}

/** A title from the first prompt, as the API derives one: its first line, cut at 80 characters. */
function titleOf(prompt: string): string | null {
  const line =
    prompt
      .trim()
      .split(/\r\n|\r|\n/)[0]
      ?.trim() ?? '';
  if (!line) return null;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** A store state from seed sessions: each created at version 0, placed by its own `last_updated_at`. */
export function seededState(seed: readonly { session: Json; events: unknown[] }[]): StoreState {
  return {
    version: 0,
    sessions: seed.map(({ session, events }) => ({
      session,
      events,
      scope: { ...DEFAULT_SCOPE },
      createdAt: 0,
      places: [[0, orderable(instantOf(session.last_updated_at))]],
    })),
  };
}
