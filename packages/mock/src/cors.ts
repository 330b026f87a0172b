// CORS for any origin, so a browser app on any dev server can call the mock: every answer names the caller's
// origin, a preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered for any path, and the
// headers a client reads (`Retry-After`, the request id) are exposed to its script. The mock uses no cookies,
// so credentials are never allowed.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';
export const EXPOSED_HEADERS = 'retry-after, retry-after-ms, x-request-id, x-should-retry, content-type';
/** When a browser does not say which headers it will send, these are the ones a chat client sends. */
const DEFAULT_ALLOWED_HEADERS = 'authorization, content-type, accept, x-mock-fault';

/** Sets the CORS headers every answer carries. */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('access-control-allow-origin', origin ?? '*');
  if (origin) res.setHeader('vary', 'Origin');
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
}

/** Answers a preflight: any origin, the API's methods, and whatever headers the browser asks to send. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const asked = req.headers['access-control-request-headers'];
  res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
  res.setHeader('access-control-allow-headers', asked ?? DEFAULT_ALLOWED_HEADERS);
  res.setHeader('access-control-max-age', '600');
  if (asked) res.setHeader('vary', 'Origin, Access-Control-Request-Headers');
  res.writeHead(204).end();
}
