// Headers every answer of the page's server carries, page and relay alike: no framing by another site (clickjacking),
// no MIME sniffing of a JSON answer into a script, and no address of the page sent to anyone in a Referer.

/** The page's own policy: it may load from and talk to its own origin only, and nobody may frame it. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

/** An API answer is data, never a document: it loads nothing and nobody may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The headers shared by every answer; `content-security-policy` is added per kind of answer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** `headers` plus the shared security headers and `csp`, for a new Response. */
export function secureHeaders(headers: Record<string, string>, csp = API_CSP): Record<string, string> {
  return { ...headers, ...SECURITY_HEADERS, 'content-security-policy': csp };
}
