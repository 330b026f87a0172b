// Two stand-ins for a real chat server: one that keeps the spec and one that breaks it, in five ways when
// listing and in eight more across a session's life (three of them in the events of a streamed turn). Live mode
// must pass against the first and name every break of the second. Served with test-support's recording server (`startServer`). Each chat upstream remembers the
// sessions it created, so a test can check that live mode deleted that one and nothing else.
import type { ServerResponse } from 'node:http';
import { type Handler, type ReceivedRequest, sendJson } from '@llamacloud-chat/test-support';

export const LIVE_KEY = 'llx-live-test-key';

function authenticated(respond: Handler): Handler {
  return (request, res) => {
    if (request.headers.authorization !== `Bearer ${LIVE_KEY}`)
      sendJson(res, 401, { detail: 'Invalid API key' });
    else return respond(request, res);
  };
}

/** Three pages of sessions as the real API sends them: offset-less timestamps, nulls, and fields the spec does not name. */
const conformingList: Handler = ({ query }, res) => {
  const n = Number((query.page_token ?? 'p1').slice(1));
  sendJson(res, 200, {
    items: [
      {
        last_updated_at: '2026-04-22T12:34:41.342245',
        session_id: `ses-${n}a`,
        generated_title: null,
        index_ids: null,
        job_metadata: null,
        shared_access: 'read_only',
      },
      {
        last_updated_at: '2026-04-21T08:00:00Z',
        session_id: `ses-${n}b`,
        shared_access: 'query',
        job_metadata: { turns: 2, is_error: false, total_input_tokens: null, model: 'x' },
      },
    ],
    next_page_token: n < 3 ? `p${n + 1}` : null,
    total_count: 6,
  });
};

/** The breaks: a wrong type, a missing required field, a wrong array element type, no next_page_token, HTML. */
const breakingList: Handler = ({ query }, res) => {
  if (query.page_size === '1') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
  } else if (query.page_token === 'p2') {
    sendJson(res, 200, { items: [] });
  } else {
    sendJson(res, 200, {
      items: [
        { last_updated_at: '2026-04-22T12:34:41Z', session_id: 123 },
        { last_updated_at: '2026-04-22T12:34:41Z' },
        { last_updated_at: '2026-04-22T12:34:41Z', session_id: 'ses-3', index_ids: ['idx-1', 7] },
      ],
      next_page_token: 'p2',
    });
  }
};

/** A chat upstream: its handler, and the ids of the sessions it created and still holds. */
export interface ChatUpstream {
  handler: Handler;
  /** Every session id it handed out, in order. */
  created: string[];
  /** The sessions it holds now, by id. */
  sessions: Map<string, Record<string, unknown>>;
}

/**
 * The session id in a `/api/v1/chat/{session_id}[/summary|/messages/stream]` path, decoded; undefined for any
 * other path.
 */
export function sessionIdOf(path: string): string | undefined {
  const segment = /^\/api\/v1\/chat\/([^/]+)(?:\/summary|\/messages\/stream)?$/.exec(path)?.[1];
  return segment === undefined ? undefined : decodeURIComponent(segment);
}

/** Routes the chat resource's requests; the list to `list`, anything else a 404. */
function chatRoutes(
  list: Handler,
  create: () => Record<string, unknown>,
  session: (
    request: ReceivedRequest,
    res: ServerResponse,
    found: Record<string, unknown>,
  ) => void | Promise<void>,
): ChatUpstream {
  const created: string[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const handler = authenticated((request, res) => {
    const { method, path } = request;
    if (method === 'GET' && path === '/api/v1/chat') return list(request, res);
    if (method === 'POST' && path === '/api/v1/chat') {
      const body = create();
      const id = String(body.session_id);
      created.push(id);
      sessions.set(id, body);
      return sendJson(res, 201, body);
    }
    const id = sessionIdOf(path);
    const found = id === undefined ? undefined : sessions.get(id);
    if (id === undefined || !found) return sendJson(res, 404, { detail: `Chat session ${id} not found` });
    if (method === 'DELETE') sessions.delete(id);
    return session(request, res, found);
  });
  return { handler, created, sessions };
}

/** The prompt of a stream request's body. */
const promptOf = ({ body }: ReceivedRequest) => String((JSON.parse(body) as { prompt?: unknown }).prompt);

/** Writes `text` as a 200 event stream, 7 bytes at a time and a tick apart, as a server streaming a turn does. */
async function writeEventStream(res: ServerResponse, text: string): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length && !res.destroyed; at += 7) {
    res.write(bytes.subarray(at, at + 7));
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

const data = (event: unknown) => `data: ${JSON.stringify(event)}\r\n\r\n`;

/**
 * A turn that keeps the spec, in the framings a real server may use: CRLF, comments, `event:` and `id:` fields,
 * an event over several `data:` lines, an event of a type the spec does not name (which the spec allows), and a
 * final `data: [DONE]`.
 */
const conformingTurn = (prompt: string) =>
  [
    ': connected\r\n\r\n',
    `event: user_input\r\nid: 1\r\n${data({ type: 'user_input', content: prompt })}`,
    data({ type: 'text_delta', content: 'Hello' }),
    ': heartbeat\r\n\r\n',
    data({ type: 'citation', source_id: 'src-1' }),
    `${JSON.stringify({ type: 'text_delta', content: '! 👋' }, null, 1)
      .split('\n')
      .map((line) => `data: ${line}`)
      .join('\r\n')}\r\n\r\n`,
    data({ type: 'text', content: 'Hello! 👋' }),
    data({
      type: 'stop',
      error: null,
      is_error: false,
      usage: { duration_ms: 812.5, total_input_tokens: 12, total_output_tokens: 4, turns: 1 },
    }),
    'data: [DONE]\r\n\r\n',
  ].join('');

/**
 * Keeps the spec: a 201 for create, the session and its events for retrieve (one with a field the spec does not
 * name), its summary, a 204 for delete, a 404 for a session it does not hold. Its session ids need escaping.
 */
export function conformingUpstream(): ChatUpstream {
  let n = 0;
  return chatRoutes(
    conformingList,
    () => ({
      last_updated_at: '2026-04-23T08:16:40.502311',
      session_id: `ses-live ${++n}/ü`,
      shared_access: 'read_only',
      generated_title: null,
      index_ids: null,
      job_metadata: null,
    }),
    (request, res, found) => {
      const { method, path } = request;
      if (method === 'DELETE') res.writeHead(204).end();
      else if (path.endsWith('/messages/stream'))
        return writeEventStream(res, conformingTurn(promptOf(request)));
      else if (path.endsWith('/summary')) sendJson(res, 200, found);
      else
        sendJson(res, 200, {
          ...found,
          events: [
            { type: 'user_input', content: 'Hello' },
            { type: 'text', content: 'Hi.', citations: [] },
            { type: 'stop', error: null, is_error: false, usage: { turns: 1 } },
          ],
        });
    },
  );
}

/**
 * Breaks the spec across a session's life, while still deleting what it created: create's index_ids is a
 * string; retrieve has no events list; the summary has a numeric title and is another session's; the turn's
 * text_delta carries a number and its stop event a string is_error and no usage; delete answers 200 with a body.
 */
export function breakingUpstream(): ChatUpstream {
  return chatRoutes(
    breakingList,
    () => ({
      last_updated_at: '2026-04-23T08:16:40Z',
      session_id: 'ses-broken 1',
      shared_access: 'query',
      index_ids: 'idx-abc123',
    }),
    (request, res, found) => {
      const { method, path } = request;
      if (method === 'DELETE') sendJson(res, 200, { deleted: true });
      else if (path.endsWith('/messages/stream'))
        return writeEventStream(
          res,
          [
            data({ type: 'user_input', content: promptOf(request) }),
            data({ type: 'text_delta', content: 42 }),
            data({ type: 'stop', error: null, is_error: 'no' }),
          ].join(''),
        );
      else if (path.endsWith('/summary'))
        sendJson(res, 200, {
          ...found,
          index_ids: null,
          session_id: 'ses-someone-else',
          generated_title: 42,
        });
      else sendJson(res, 200, { ...found, index_ids: null, events: null });
    },
  );
}
