// Prism's `sl-violations` header, decoded into plain words: `items[0].session_id must be string`.

/** One way a request or response broke the spec, as Prism reported it. */
export interface Violation {
  /** Which side broke the spec. */
  side: 'request' | 'response';
  /** Where, e.g. `items[0].session_id`, `query.page_size`, or '' for the message as a whole. */
  path: string;
  /** What is wrong, e.g. `must be string`. */
  problem: string;
  severity: string;
  /** Prism's own message. */
  message: string;
}

interface PrismViolation {
  location?: unknown[];
  severity?: string;
  code?: string | number;
  message?: string;
}

/** `['items', '0', 'session_id']` → `items[0].session_id` */
function pathOf(segments: readonly unknown[]): string {
  return segments
    .map(String)
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
      '',
    );
}

function decodeOne(violation: PrismViolation): Violation {
  const [side = 'response', part, ...rest] = (violation.location ?? []).map(String);
  const message = violation.message ?? 'unknown violation';
  const severity = violation.severity ?? 'Error';
  let segments = part === 'body' || part === undefined ? rest : [part, ...rest];
  // "… must have required property 'session_id'": name the missing field itself.
  const required = /must have required property '([^']+)'/.exec(message);
  let problem: string;
  if (required?.[1] !== undefined) {
    segments = [...segments, required[1]];
    problem = 'is missing (required)';
  } else {
    problem = /\b(must .*)$/.exec(message)?.[1]?.replace(/,null\b/, ' or null') ?? message;
  }
  // A problem with the body as a whole, e.g. `body must be object`.
  const path = pathOf(segments) || (part === 'body' ? 'body' : '');
  return { side: side === 'request' ? 'request' : 'response', path, problem, severity, message };
}

/** Decodes an `sl-violations` header value; an absent header means no violations. */
export function decodeViolations(header: string | null): Violation[] {
  if (!header) return [];
  // Prism truncates very long lists behind this prefix; keep what parses.
  const json = header.replace(/^Too many violations! /, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [{ side: 'response', path: '', problem: header, severity: 'Error', message: header }];
  }
  return Array.isArray(parsed) ? parsed.map((v) => decodeOne(v as PrismViolation)) : [];
}

/** One line: `items[0].session_id must be string`, or `request: Invalid security scheme used`. */
export function describeViolation(violation: Violation): string {
  if (violation.path === '') return `${violation.side}: ${violation.message}`;
  return `${violation.side === 'request' ? 'request ' : ''}${violation.path} ${violation.problem}`;
}
