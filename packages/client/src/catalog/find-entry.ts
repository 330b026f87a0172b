// Finds an operation by any name a person may give it: its operationId (`getChatSessionSummary`), its name on
// the client (`chat.getSummary`, or through an alias, `beta.chat.getSummary`), or its method and path
// (`GET /api/v1/chat/{session_id}/summary`, or with the values filled in, `GET /api/v1/chat/ses-1/summary`), the
// last through the client's own index of operations by method and path.
import { OperationIndex } from '../request/operation-index.js';
import { placeholderNames, templatePattern } from '../request/path-template.js';
import type { CatalogEntry } from './catalog-entry.js';

const indexes = new WeakMap<readonly CatalogEntry[], OperationIndex<CatalogEntry>>();

/** The entry of `entries` that `method path` is for (a template, or a path with its values filled in). */
export function findByRoute(
  entries: readonly CatalogEntry[],
  method: string,
  path: string,
): CatalogEntry | undefined {
  let index = indexes.get(entries);
  if (!index) {
    index = new OperationIndex(entries);
    indexes.set(entries, index);
  }
  return index.find(method, path);
}

/** The entry `name` names in `entries`, or undefined. `aliases` maps a resource to its other names. */
export function findEntry(
  entries: readonly CatalogEntry[],
  name: string,
  aliases: Readonly<Record<string, readonly string[]>> = {},
): CatalogEntry | undefined {
  const wanted = name.trim();
  const byId = entries.find((entry) => entry.operationId === wanted || entry.sdkName === wanted);
  if (byId) return byId;
  for (const [resource, others] of Object.entries(aliases))
    for (const alias of others)
      if (wanted.startsWith(`${alias}.`))
        return findEntry(entries, `${resource}.${wanted.slice(alias.length + 1)}`);
  const route = /^([A-Za-z]+)\s+(\/\S*)$/.exec(wanted);
  return route ? findByRoute(entries, route[1] ?? '', (route[2] ?? '').replace(/\?.*$/, '')) : undefined;
}

/**
 * The path values of `path`, filled in from `template` (`{session_id}` → its segment, percent-decoded); undefined
 * when the path does not fit the template. A segment that is not valid percent-encoding throws a URIError.
 */
export function pathValuesOf(template: string, path: string): Record<string, string> | undefined {
  const match = templatePattern(template).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(
    placeholderNames(template).map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
  );
}
