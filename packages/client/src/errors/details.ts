// The words of error messages: what a body says went wrong, the reason phrase of a status, and the reason behind
// a failed fetch.

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
};

/** The reason phrase of a status the error family names (HTTP/2 sends none); `Error` for the rest. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
};

/**
 * One line saying what a body says went wrong: FastAPI's `detail`, a 422's list, a problem's `title`, or the
 * start of the text.
 */
export function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  if (typeof body === 'string') return oneLine(body);
  const { detail, title } = body as { detail?: unknown; title?: unknown };
  if (typeof detail === 'string' && detail) return oneLine(detail);
  // An RFC 9457 problem (a gateway's, say) may put its explanation in the title.
  if (typeof title === 'string' && title && !Array.isArray(detail)) return oneLine(title);
  if (Array.isArray(detail)) {
    return oneLine(
      detail
        .map((entry: { loc?: unknown; msg?: unknown }) => {
          const loc = Array.isArray(entry?.loc) ? entry.loc.join('.') : undefined;
          return loc ? `${loc}: ${String(entry?.msg)}` : String(entry?.msg ?? JSON.stringify(entry));
        })
        .join('; '),
    );
  }
  return oneLine(JSON.stringify(body));
}

/** fetch() says only "fetch failed"; the reason (ECONNREFUSED, a bad port, a TLS error) is one level down. */
export function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const reason =
    typeof inner?.code === 'string' ? inner.code : typeof inner?.message === 'string' ? inner.message : '';
  return reason ? `${message} (${reason})` : message;
}
