// Finds an operation by any name a person may give it: its operationId (`getChatSessionSummary`), its name on
// the client (`chat.getSummary`, or through an alias, `beta.chat.getSummary`), or its method and path
// (`GET /api/v1/chat/{session_id}/summary`, or with the values filled in, `GET /api/v1/chat/ses-1/summary`).
import type { CatalogEntry } from './catalog-entry.js';

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
  if (!route) return undefined;
  const method = route[1]?.toUpperCase();
  const path = (route[2] ?? '').replace(/\?.*$/, '');
  const candidates = entries.filter((entry) => entry.method === method);
  // The template itself, else the template with the fewest placeholders that matches the filled-in path.
  const exact = candidates.find((entry) => entry.path === path);
  if (exact) return exact;
  return candidates
    .filter((entry) => templateMatch(entry.path).test(path))
    .sort((a, b) => placeholders(a.path) - placeholders(b.path))[0];
}

const placeholders = (template: string) => (template.match(/\{[^}]+\}/g) ?? []).length;

function templateMatch(template: string): RegExp {
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}$`);
}

/** The path values of `path`, filled in from `template` (`{session_id}` → its segment, percent-decoded). */
export function pathValuesOf(template: string, path: string): Record<string, string> | undefined {
  const names = (template.match(/\{([^}]+)\}/g) ?? []).map((p) => p.slice(1, -1));
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('([^/]+)');
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return undefined;
  const values: Record<string, string> = {};
  names.forEach((name, i) => {
    values[name] = decodeURIComponent(match[i + 1] ?? '');
  });
  return values;
}
