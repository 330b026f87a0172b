// Which operation of a client's table a request is for, by method and path: the spec's template itself
// (`/api/v1/chat/{session_id}`) or a path with its values filled in (`/api/v1/chat/abc`). A call by path (a verb,
// `client.request()`, a call that overrides its method or path) gets its operation's facts this way: the query
// parameters it is checked against, and whether it may be sent twice. The catalog finds its entries the same way.
import type { Operation } from '../operations/operation.js';
import { placeholderNames, templatePattern } from './path-template.js';

/** What an index finds: anything with an upper-case method and a path template. */
export interface Routed {
  readonly method: string;
  readonly path: string;
}

interface Pattern<T> {
  method: string;
  match: RegExp;
  operation: T;
  /** Placeholders in the template: a literal path beats a template that also matches it. */
  placeholders: number;
}

export class OperationIndex<T extends Routed = Operation> {
  readonly #operations: Iterable<T>;
  #exact: Map<string, T> | undefined;
  #patterns: Pattern<T>[] = [];

  /** Built on first use: most clients never call by path. */
  constructor(operations: Iterable<T>) {
    this.#operations = operations;
  }

  /** The operation `method path` is for, or undefined when the table has none. */
  find(method: string, path: string): T | undefined {
    if (!this.#exact) this.#build();
    const upper = method.toUpperCase();
    const exact = this.#exact?.get(`${upper} ${path}`);
    if (exact) return exact;
    let best: Pattern<T> | undefined;
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
      const placeholders = placeholderNames(operation.path).length;
      if (placeholders === 0) continue;
      this.#patterns.push({
        method: operation.method,
        match: templatePattern(operation.path),
        operation,
        placeholders,
      });
    }
  }
}
