// Two stand-ins for a real List Sessions server, on 127.0.0.1: one that keeps the spec and one that breaks it
// in five ways. Live mode must pass against the first and name every break of the second.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const LIVE_KEY = 'llx-live-test-key';

type Respond = (req: IncomingMessage, url: URL, res: ServerResponse) => void;

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

function authenticated(respond: Respond): Respond {
  return (req, url, res) => {
    if (req.headers.authorization !== `Bearer ${LIVE_KEY}`) json(res, 401, { detail: 'Invalid API key' });
    else respond(req, url, res);
  };
}

/** Three pages of sessions as the real API sends them: offset-less timestamps, nulls, and fields the spec does not name. */
export const conforming: Respond = authenticated((_req, url, res) => {
  const token = url.searchParams.get('page_token') ?? 'p1';
  const n = Number(token.slice(1));
  json(res, 200, {
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
        job_metadata: { turns: 2, is_error: false, total_input_tokens: null, model: 'x' },
      },
    ],
    next_page_token: n < 3 ? `p${n + 1}` : null,
    total_count: 6,
  });
});

/** The breaks: a wrong type, a missing required field, a wrong array element type, no next_page_token, HTML. */
export const breaking: Respond = authenticated((_req, url, res) => {
  if (url.searchParams.get('page_size') === '1') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
  } else if (url.searchParams.get('page_token') === 'p2') {
    json(res, 200, { items: [] });
  } else {
    json(res, 200, {
      items: [
        { last_updated_at: '2026-04-22T12:34:41Z', session_id: 123 },
        { last_updated_at: '2026-04-22T12:34:41Z' },
        { last_updated_at: '2026-04-22T12:34:41Z', session_id: 'ses-3', index_ids: ['idx-1', 7] },
      ],
      next_page_token: 'p2',
    });
  }
});

/** Serves `respond` on 127.0.0.1 and a free port until `close()`. */
export async function startUpstream(respond: Respond) {
  const server = createServer((req, res) => respond(req, new URL(req.url ?? '/', 'http://127.0.0.1'), res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
