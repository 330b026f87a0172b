// Session fixtures and a cursor-paginated List Sessions handler: pages linked by `cur-<offset>` tokens.
import type { ServerResponse } from 'node:http';
import { type Handler, type ReceivedRequest, sendJson } from './http-server.js';

/** A session as List Sessions returns it (structurally the client's `ChatListResponse`). */
export interface SessionFixture {
  last_updated_at: string;
  session_id: string;
  shared_access: 'query' | 'read_only';
  generated_title?: string | null;
  index_ids?: string[] | null;
  job_metadata?: { turns?: number; is_error?: boolean; total_input_tokens?: number | null } | null;
}

/** `count` distinct sessions, `ses-0000`, `ses-0001`, …, with a mix of null and set optional fields. */
export function makeSessions(count: number): SessionFixture[] {
  return Array.from({ length: count }, (_, i) => ({
    last_updated_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    session_id: `ses-${String(i).padStart(4, '0')}`,
    shared_access: i % 5 === 0 ? 'query' : 'read_only',
    generated_title: i % 3 === 0 ? null : `Session ${i}`,
    index_ids: i % 2 === 0 ? null : [`idx-${i}`],
    job_metadata: i % 4 === 0 ? null : { turns: i % 7, is_error: false, total_input_tokens: null },
  }));
}

/** The cursor of the page starting at `offset`. */
export const cursorAt = (offset: number): string => `cur-${offset}`;

export interface PagedOptions {
  /** Page size when the request has no `page_size`. @default 10 */
  pageSize?: number;
  /** Called before a page is served; return true when it has answered the request itself (a fault). */
  fault?: (request: ReceivedRequest, res: ServerResponse, requestIndex: number) => boolean | Promise<boolean>;
}

/** Serves `items` in pages linked by `cur-<offset>` tokens; the last page has a null token. */
export function pagedSessions(items: readonly unknown[], options: PagedOptions = {}): Handler {
  let requestIndex = 0;
  return async (request, res) => {
    const index = requestIndex++;
    if (options.fault && (await options.fault(request, res, index))) return;
    const size = Number(request.query.page_size ?? options.pageSize ?? 10);
    const token = request.query.page_token;
    const offset = token ? Number(token.slice('cur-'.length)) : 0;
    const end = offset + size;
    sendJson(res, 200, {
      items: items.slice(offset, end),
      next_page_token: end < items.length ? cursorAt(end) : null,
    });
  };
}

/** Serves the given bodies in order, one 200 per request, then 404s. */
export function scripted(bodies: readonly unknown[]): Handler {
  let next = 0;
  return (_request, res) => {
    const body = bodies[next++];
    if (body === undefined) sendJson(res, 404, { detail: 'no more scripted pages' });
    else sendJson(res, 200, body);
  };
}
