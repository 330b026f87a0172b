// A pass-through front for Prism that answers a request target with malformed percent-encoding itself, so
// Prism never sees one: Prism decodes paths outside any handler, and a URIError there ends its whole process.
// Everything else goes to Prism and back untouched, streams included.
import { malformedTarget } from './percent-encoding.js';
import type { RunningServer } from './running-server.js';
import { answerJson, startFront } from './upstream-front.js';

/** Starts the front on 127.0.0.1 and a free port, forwarding to `upstream` (e.g. `http://127.0.0.1:4011`). */
export function startEncodingGuard(upstream: string): Promise<RunningServer> {
  return startFront(upstream, {
    upstreamName: 'Prism',
    request(req, res) {
      const malformed = malformedTarget(req.url ?? '/');
      if (!malformed) return req.headers;
      // The body is not read: say so, and end the connection rather than drain an upload nobody wants.
      res.setHeader('connection', 'close');
      answerJson(res, malformed.status, malformed.body);
      return undefined;
    },
  });
}
