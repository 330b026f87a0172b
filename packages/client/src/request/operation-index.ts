// Which operation of a client's table a request is for, by method and path: the spec's template itself
// (`/api/v1/chat/{session_id}`) or a path with its values filled in (`/api/v1/chat/abc`). A call by path (a verb,
// `client.request()`, a call that overrides its method or path) gets its operation's facts this way: the query
// parameters it is checked against, and whether it may be sent twice.
import type { Operation } from '../operations/operation.js';

interface Pattern {
  method: string;
  match: RegExp;
  operation: Operation;
  /** Placeholders in the template: a literal path beats a template that also matches it. */
  placeholders: number;
}

export class OperationIndex {
  readonly #operations: Iterable<Operation>;
  #exact: Map<string, Operation> | undefined;
  #patterns: Pattern[] = [];

  /** Built on first use: most clients never call by path. */
  constructor(operations: Iterable<Operation>) {
    this.#operations = operations;
  }

  /** The operation `method path` is for, or undefined when the table has none. */
  find(method: string, path: string): Operation | undefined {
    if (!this.#exact) this.#build();
    const upper = method.toUpperCase();
    const exact = this.#exact?.get(`${upper} ${path}`);
    if (exact) return exact;
    let best: Pattern | undefined;
    for (const pattern of this.#patterns) {
      if (pattern.method !== upper || !pattern.match.test(path)) continue;
      if (!best || pattern.placeholders < best.placeholders) best = pattern;
    }
    return best?.operation;
  }

  #build(): void {
    this.#exact = new Map();
    for (const operation of this.#operations) {
      this.#exact.set(`${operation.method} ${operation.path}`, operation);
      const placeholders = operation.pathParams.length;
      if (placeholders === 0) continue;
      const source = operation.path
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      this.#patterns.push({
        method: operation.method,
        match: new RegExp(`^${source}$`),
        operation,
        placeholders,
      });
    }
  }
}
