// One line per request for the mock's log: method, path (with its query), status and time taken, and for a
// streamed turn how many events went out. The API key is never in it: only the Authorization header carries
// one, and a key that a caller also put in the URL is blanked out.

export type LogSink = (line: string) => void;

export interface LoggedRequest {
  method: string;
  url: string;
  /** The status sent, or undefined when the connection was cut before any (a fault). */
  status: number | undefined;
  ms: number;
  /** For a streamed turn: events written, and how many the turn had. */
  events?: { sent: number; of: number } | undefined;
  /** Why the answer did not end as an answer does: a fault asked for, or the caller gone. */
  note?: string | undefined;
}

/** The bearer key of an `Authorization` header, for blanking out. */
export function keyOf(authorization: string | string[] | undefined): string | undefined {
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  const key = /^\s*bearer\s+(\S.*?)\s*$/i.exec(value ?? '')?.[1];
  return key && key.length >= 4 ? key : undefined;
}

/** `GET /api/v1/chat?page_size=1 200 3ms`, `POST …/messages/stream 200 541ms 9/9 events`. */
export function logLine(entry: LoggedRequest, key?: string): string {
  let url = entry.url;
  if (key) {
    url = url.split(key).join('***');
    const encoded = encodeURIComponent(key);
    if (encoded !== key) url = url.split(encoded).join('***');
  }
  const parts = [
    entry.method,
    url,
    entry.status === undefined ? '-' : String(entry.status),
    `${Math.round(entry.ms)}ms`,
  ];
  if (entry.events) parts.push(`${entry.events.sent}/${entry.events.of} events`);
  if (entry.note) parts.push(`(${entry.note})`);
  return parts.join(' ');
}
