// Two stand-ins for a real List Sessions server: one that keeps the spec and one that breaks it in five ways.
// Live mode must pass against the first and name every break of the second. Served with test-support's
// recording server (`startServer`).
import { type Handler, sendJson } from '@llamacloud-chat/test-support';

export const LIVE_KEY = 'llx-live-test-key';

function authenticated(respond: Handler): Handler {
  return (request, res) => {
    if (request.headers.authorization !== `Bearer ${LIVE_KEY}`)
      sendJson(res, 401, { detail: 'Invalid API key' });
    else return respond(request, res);
  };
}

/** Three pages of sessions as the real API sends them: offset-less timestamps, nulls, and fields the spec does not name. */
export const conforming: Handler = authenticated(({ query }, res) => {
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
        job_metadata: { turns: 2, is_error: false, total_input_tokens: null, model: 'x' },
      },
    ],
    next_page_token: n < 3 ? `p${n + 1}` : null,
    total_count: 6,
  });
});

/** The breaks: a wrong type, a missing required field, a wrong array element type, no next_page_token, HTML. */
export const breaking: Handler = authenticated(({ query }, res) => {
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
});
