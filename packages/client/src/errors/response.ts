// A 2xx response whose body is not what the spec says.
import { type ListingContext, LlamaCloudError, type RequestTarget } from './base.js';

/** What a MalformedResponseError is built from. */
export interface MalformedResponseOptions extends ListingContext {
  target: RequestTarget;
  response: { status: number; headers: Headers };
  /** What is wrong, e.g. `"items" is missing`. */
  problem: string;
  /** The body as received (its start is kept for diagnosis). */
  text?: string | undefined;
  /** What the body should have been: `page`, `session`. @default 'page' */
  expected?: string | undefined;
}

/** A 2xx response whose body is not what the spec says: not JSON, truncated, or the wrong shape. */
export class MalformedResponseError extends LlamaCloudError {
  readonly kind = 'malformed_response';
  /** The response's status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The start of the body as received, for diagnosis. */
  readonly bodySnippet: string;

  constructor(options: MalformedResponseOptions) {
    const { target, response, problem, text = '', expected = 'page' } = options;
    const type = response.headers.get('content-type') ?? 'no content-type';
    const snippet = text.length > 120 ? `${text.slice(0, 120)}…` : text;
    super(
      `${response.status} from ${target} is not a valid ${expected}: ${problem} (${type}, body ${JSON.stringify(snippet)}).`,
      options,
    );
    this.status = response.status;
    this.headers = response.headers;
    this.bodySnippet = snippet;
  }
}
