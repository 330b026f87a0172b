// Only the page the relay serves may call it. A page on another origin can still send a "simple" request (a
// no-cors POST with a text/plain or form body, no custom headers); it cannot read the answer, but the relay would
// already have spent its key. Browsers say where a request comes from in `Origin` and `Sec-Fetch-Site`, and a page
// cannot forge either, so a request that names another origin or site is refused before anything goes upstream.
// A request with neither (curl, a server-side caller) is not a browser's cross-site request and passes.
import { RelayRefusal } from './refusal.js';

/** `Sec-Fetch-Site` values a browser sends for the page itself (`none`: typed in the address bar, a bookmark). */
const OWN_SITE = new Set(['same-origin', 'none']);

/** Throws a 403 refusal unless `request` comes from the relay's own origin (the origin of its URL). */
export function checkSameOrigin(request: Request): void {
  const own = new URL(request.url).origin;
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== own) {
    throw new RelayRefusal({
      status: 403,
      detail: `The relay answers only its own page (${own}); this request came from ${origin}.`,
    });
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && !OWN_SITE.has(site)) {
    throw new RelayRefusal({
      status: 403,
      detail: `The relay answers only its own page (${own}); this request is ${site} (Sec-Fetch-Site).`,
    });
  }
}
